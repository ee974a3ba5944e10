// Package nav is the NAV arbeidsplassen channel: it publishes canonical ads
// to NAV's import API, "stillingsimport" (github.com/navikt/pam-import-api;
// docs https://navikt.github.io/pam-import-api/; research
// channels-finn-nav.md Part 1, "§" below), which shows them on
// arbeidsplassen.nav.no once NAV's moderators approve them.
//
// # Calls
//
// Every call carries Authorization: Bearer <token> (§1.2) and a fresh
// Nav-Call-Id for NAV's logs.
//
//   - Publish, PublishBatch: POST {BaseURL}/api/v1/transfers/batch/{providerId},
//     a JSON array of 1 to 100 AdDTOs (§1.3 row 2, §1.4).
//   - Withdraw: DELETE {BaseURL}/api/v1/transfers/{providerId}/{reference},
//     which stops the ad; ?delete=true only with Config.HardDelete (§1.11).
//   - CheckStatus: GET {BaseURL}/api/v1/adminstatus/{providerId}/{reference}
//     (§1.10).
//
// # Reference
//
// NAV upserts an ad by (providerId, reference) (§1.5, §1.11). The reference
// is jobgate's ad id ("job_..."): stable for the ad's whole life, unique,
// and far under NAV's 255 characters. Once published, the publication's
// Reference is used, so an ad keeps its NAV reference even if this scheme
// changes. Only with Config.HardDelete, which burns a reference at NAV, does
// an ad published again after its withdrawal get a new one: its id and the
// time of the withdrawal ("job_...-20260630T080000").
//
// # States
//
//   - Upload RECEIVED or DONE: pending, as NAV moderates every ad and may
//     take a day (§1.10); the URL is kept from the previous publication
//     (NAV's uuid is per reference), otherwise CheckStatus learns it.
//   - Upload SKIPPED: NAV already has exactly this content (§1.9); the
//     previous publication stands, pending when there is none.
//   - Upload refused (a 4xx, an ERROR receipt) or an ad that fails the
//     mapping or Validate: that ad's permanent error naming fields, never
//     values. 401/403 are unauthorised, 429, 5xx and network failures
//     retryable with Retry-After, for the whole request.
//   - CheckStatus: 404 unchanged; ACTIVE live with NAV's url (else
//     Config.AdURLPrefix + uuid); REJECTED rejected with NAV's reason;
//     STOPPED and DELETED withdrawn; INACTIVE withdrawn only for a live ad
//     (see CheckStatus); UNKNOWN counted in Publication.Checks and, at
//     Config.UnknownAfter (DefaultUnknownAfter, 6) answers in a row,
//     unknown with what NAV answered and its message (see unknown.go).
//   - Withdraw: withdrawn; when NAV answers 404 within Config.FilingGrace
//     (JOBGATE_NAV_FILING_GRACE, 10 minutes) of the last upload
//     (Publication.SentAt), backpressure to ask again (see Filing); after
//     the grace a 404 means NAV never got the ad: withdrawn.
//
// # Filing
//
// NAV stores an upload as a transfer and answers RECEIVED at once, but
// files it into its ad state only when its TransferLogJob runs, every
// 30 s (research §1.9; pam-import-api config/SchedulerApplicationContext.kt
// repeatSecondlyForever(30), transferlog/TransferLogTasks.kt). Until then
// DELETE (TransferController.kt stopAdByProviderReference reads
// AdStateService.getAdStatesByProviderReference) and adminstatus
// (AdminStatusService.findByProviderReference) answer 404 NOT_FOUND for a
// new reference, and NAV publishes the ad once filed. A stop that took
// that 404 as "gone" would leave a withdrawn ad live on arbeidsplassen, so
// it is asked again, as long as the upload has waited (1 s to 30 s), until
// NAV has the ad and stops it or the grace ends. The wait is backpressure:
// it spends no attempt and does not count against NAV's breaker.
//
// # Re-activation
//
// NAV skips content whose md5 it has seen (§1.9), and a stop leaves the
// ad's last content in NAV's log: re-sending it unchanged would be SKIPPED
// and the ad would stay stopped. An ad whose publication is withdrawn is
// therefore sent with a fresh published time (now), which changes the
// content. Otherwise published is when the ad came to jobgate, so a
// re-sent revision is byte for byte the same and NAV skips it.
//
// # What NAV leaves open, and how jobgate handles it
//
//   - [C] §1.8: NAV moves expires to the start of the applicationdue day
//     when it reads applicationdue as a date before expires
//     (navikt/pam-import-api@36f0a6ce0d5b src/main/kotlin/no/nav/
//     arbeidsplassen/importapi/transferlog/TransferLogService.kt
//     handleExpiryAndStarttimeCombinations, lines
//     65-78; parseApplicationDueDate, lines 81-97, takes only
//     yyyy-MM-dd'T'HH:mm:ss, yyyy-MM-dd'T'HH:mm and dd.MM.yyyy), which
//     took the ad off arbeidsplassen as the deadline day began. jobgate
//     sends expires at the end of the deadline day (23:59:59 Oslo) and the
//     deadline as applicationdue in ISO form (2027-01-31), which NAV's
//     parser does not read, so expires stands; arbeidsplassen shows an ISO
//     applicationdue as the date (pam-stillingsok utils.ts formatDate,
//     deadlineText.js parseISO) [I for how it reaches the page].
//   - [U] No deadline: expires DefaultExpiry (30 days) after published.
//   - [I] First work location (§1.6): NAV checks only the first one for a
//     postal code, county or municipality, or a country abroad; the mapping
//     puts such a location first and refuses an ad without one. Older NAV
//     code wanted county and municipality together; the current rule is the
//     one §1.6 reads.
//   - [C] Placing a Norwegian location (location.go): NAV files an ad under
//     the municipal and county it is sent, in its own geography's names
//     (navikt/pam-geography, upper case); a town alone is placed with the
//     bundled register of internal/places, an ambiguous or unknown one is
//     refused naming the place (README, Norwegian places).
//   - [I] employer.location is required but the canonical ad has no
//     employer address: the first work location stands in.
//   - [U] orgnr must be a sub-unit (underenhet) number; jobgate sends a
//     valid Norwegian number as given and none for other countries.
//   - [I] engagementtype: NAV's list has no exact match for temporary,
//     contract and internship (Engasjement, Frilanser, Trainee);
//     Mapping.EngagementTypes overrides; "Annet" when the ad has none, as
//     NAV's docs mark the field required.
//   - [U] sector is not in the canonical ad: the integration's nav_sector
//     setting. salary is not sent (NAV names no period or currency).
//   - [I] categories are free text, not JANZZ codes NAV keeps (§1.6): they
//     are sent as keywords, and no categoryList.
//   - [I] At most Mapping.MaxLocations (3) locations, as NAV's docs advise.
//   - [U] Country names: NAV's Norwegian names for nearby countries, else
//     the ISO code. The dev environment's ad URL: Config.AdURLPrefix.
//   - [I] A batch receipt covers the whole array and names no ad; NAV
//     refuses a whole batch for one bad ad (§1.4), so a refused batch is
//     re-sent one ad at a time. Its body limit is unknown [U]: a 413 is
//     handled the same way.
package nav
