package connectors

// PollChooser is a Poller whose integrations are not all polled: each
// integration's settings say whether jobgate polls a feed for it or the
// vendor pushes its ads through the generic ad API (Workbuster: a feed
// when the integration names one, the generic API when it does not).
// Settings do not change after an integration is created, so neither
// does the choice.
type PollChooser interface {
	Poller
	// Polls reports whether an integration with these settings is
	// polled.
	Polls(settings map[string]string) bool
}

// PolledWith reports whether c polls an integration with these settings:
// a PollChooser as it chooses, any other Poller always, a source that is
// not a Poller never.
func PolledWith(c Connector, settings map[string]string) bool {
	if pc, ok := c.(PollChooser); ok {
		return pc.Polls(settings)
	}
	_, ok := c.(Poller)
	return ok
}
