// Package finn is the FINN.no job channel: it publishes canonical ads to
// FINN's XML file import (research/channels-finn-nav.md Part 2). One ad is
// one IAD.IF.JOB document, POSTed as multipart/form-data in the file part
// "fil" to {BaseURL}/finn/import/fileimport (§2.2); FINN keys the ad on its
// ORDERNO, so sending the same ORDERNO again replaces the ad (§2.6) and a
// retry of an upload is safe. Withdrawing sends an IAD.IF.STOP document for
// the ORDERNO (§2.6, as the FINN-SDK's StopXml.php builds it).
//
// The document follows the job DTD 8.0 (IADIF-job80.dtd), which is not
// public: it is built from the 7.1 content model (IADIF-job71.dtd,
// IADIF-objecthead21.dtd, IADIF-head20.dtd) with the 8.0 changes of
// FINN-UPD applied (§2.3), element by element as §2.8's constructed
// skeleton places them. What that leaves inferred [I] or unknown [U], and
// how this package handles it:
//
//   - [I] Order of the 8.0 elements: OCCUPATION where JOB_CATEGORY+ stood,
//     the one COMPANY where APPLICATION_ADDRESS* and COMPANY* stood,
//     APPLICATION_URL where MOREINFO* stood (§2.8). OCCUPATION holds
//     SPECIALIZATION when the value has one, else GENERAL (FINN-UPD), and
//     at most two OCCUPATIONs are sent (7.1 allowed "1 or two" categories).
//   - [U] INDUSTRY's place: sent right after OCCUPATION, and only when the
//     employer sets finn_industry.
//   - [U] COMPENSATION's structure: not sent; the pay range goes to SALARY
//     as text.
//   - [I] The DOCTYPE system id https://www.finn.no/dtd/IADIF-job80.dtd
//     (Config.JobDTD); the STOP document's is FINN-SDK's
//     http://www.iad.no/dtd/IADIF-stop30.dtd (Config.StopDTD).
//   - [U] Reference values (§2.4): FINN publishes them only at a URL that
//     must not be called while building ads; reference.go holds the few
//     that are confirmed and our inferred codes, each marked, to be replaced
//     by the downloaded lists. OCCUPATION's values, one GENERAL per main
//     field of work, and the mapping of STYRK-08 codes and words to them
//     are data in occupations.csv (occupation.go reads it), which
//     vendorsim's FINN validates against too.
//   - [U] JOB_EXECUTIVE's MANAGER_ROLE values: jobgate never sends
//     JOB_EXECUTIVE; part-time and seasonal ads are JOB_PARTTIME, all
//     others JOB.
//   - [U] Production authentication: none is sent unless Config.Username
//     is set (HTTP Basic, as FINN's test import at import.finn.no wants).
//   - [U] The answer's schema and status codes (§2.2): the answer is read
//     loosely (ParseAnswer). A readable success is live: FINN has no status
//     read-back (§2.6), so a pending publication could never resolve. An
//     empty, HTML or unreadable answer is retryable, since re-sending the
//     same ORDERNO is an upsert; a FINN error message is permanent, the
//     known ones of §2.7 as ErrContract and ErrDateOrder.
//   - [U] ORDERNO's format limits: jobgate's ORDERNOs are at most 45
//     characters of letters, digits and '-' (see OrderNo).
//   - [U] The URL of an imported ad: set only when the answer names a
//     finnkode, from Config.AdURL.
//
// Every ad lives at most 42 days on FINN (§2.6); after that an update fails
// and only a new ORDERNO advertises it again. Each ORDERNO is one such life
// (OrderNo) and carries its start day, so Expires tells from the
// publication alone when it ends. A Publish after the end starts a new life
// when the employer's setting finn_readvertise is true; otherwise it stops
// the ad and returns it withdrawn with the reason ReasonLifeEnded. FINN
// counts from its own first publication, so an update it refuses with
// ErrDateOrder is also re-advertised at once where finn_readvertise allows.
//
// The employer's settings (PublishedAd.Settings, see CheckSettings):
// finn_provider (required, FINN's provider id of the employer),
// finn_readvertise, finn_sector, finn_occupation, finn_industry and the
// fallback contact finn_contact_name, _title, _email and _phone, used when
// the ad has no contact: FINN 8.0 needs at least one JOB_CONTACT, and an ad
// with neither is refused rather than sent with an invented person.
package finn
