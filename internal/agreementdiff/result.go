package agreementdiff

// Result is what `sla diff` reports: the changes since a revision, and
// warnings about how far the comparison could go. report writes it.
type Result struct {
	// Base is the revision as the user named it; Commit is its hash.
	Base     string   `json:"base"`
	Commit   string   `json:"commit,omitempty"`
	Changes  []Change `json:"changes"`
	Warnings []string `json:"warnings"`
}
