package outbox

// CountDelivered sets what is told of each application delivered to its
// ATS: its ad and the source it came from (the per-ad statistics). It is
// set before the worker runs.
func (w *Worker) CountDelivered(fn func(adID, source string)) {
	w.delivered = fn
}

// publishedURL is the ad's page as given to a channel.
func (w *Worker) publishedURL(channel, adID string) string {
	if w.channelJobURL != nil {
		return w.channelJobURL(channel, adID)
	}
	return w.jobURL(adID)
}
