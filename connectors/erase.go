package connectors

import "context"

// Eraser is an Applier whose receiver documents a call that deletes an
// application it holds, which jobgate makes with the credentials it
// already has when a candidate's data is erased (GDPR article 17: the
// controller tells the recipients). Only the signed apply webhook
// implements it: Teamtailor's Direct Apply API (inquiry and apply only),
// Lever's Postings API (apply only, with a key that can do nothing else)
// and Jobylon's Push API (POST /p1/applications/ only) document none;
// README, "Vendor erasure".
type Eraser interface {
	Applier
	// Erase asks the ATS to delete the application it holds as atsID (the
	// id its answer to the delivery gave). An ATS that holds nothing under
	// it is no error: the application is gone there either way.
	Erase(ctx context.Context, in Integration, atsID string) error
}
