package finn

import (
	"encoding/xml"
	"fmt"

	"github.com/jobgate/jobgate/connectors"
)

// StopDocument is an IAD.IF.STOP document: it hides the ad with the
// ORDERNO from search and stops its renewals (§2.6). Its DTD
// (IADIF-stop30.dtd) is not public; the structure is FINN-SDK's StopXml.php:
// HEAD with PARTNER and PROVIDER, then OBJECT/OBJECT_HEAD with ORDERNO and
// the customer's reference as PROVIDER_REFERENCE.
type StopDocument struct {
	XMLName xml.Name   `xml:"IAD.IF.STOP"`
	Head    Head       `xml:"HEAD"`
	Object  StopObject `xml:"OBJECT"`
}

// StopObject is the one OBJECT of a StopDocument.
type StopObject struct {
	Head StopHead `xml:"OBJECT_HEAD"`
}

// StopHead names the ad to stop.
type StopHead struct {
	OrderNo           string `xml:"ORDERNO"`
	ProviderReference string `xml:"PROVIDER_REFERENCE,omitempty"`
}

// Stop builds the IAD.IF.STOP document for orderNo, sent for the
// employer's provider id; reference is the ad's reference at its source,
// sent as FINN-SDK sends the customer's reference. Missing ids fail
// permanently.
func Stop(cfg Config, provider, orderNo, reference string) ([]byte, error) {
	cfg = cfg.withDefaults()
	var ps problems
	if err := checkID("PARTNER (Config.PartnerID)", cfg.PartnerID); err != nil {
		ps.add("%v", err)
	}
	if err := checkID("PROVIDER (setting "+SettingProvider+")", provider); err != nil {
		ps.add("%v", err)
	}
	if orderNo = clean(orderNo); orderNo == "" {
		ps.add("ORDERNO is required")
	}
	if err := ps.err(); err != nil {
		return nil, connectors.NewPermanent(fmt.Errorf("finn: stop: %w", err))
	}
	doc := StopDocument{Head: Head{Partner: cfg.PartnerID, Provider: provider},
		Object: StopObject{Head: StopHead{OrderNo: orderNo, ProviderReference: userReference(reference)}}}
	b, err := marshal("IAD.IF.STOP", cfg.StopDTD, doc)
	if err != nil {
		return nil, connectors.NewPermanent(fmt.Errorf("finn: stop: %w", err))
	}
	return b, nil
}
