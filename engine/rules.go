package engine

// RuleNames lists every learning rule by the name used in links, the CLI and
// the UI, in the order the UI offers them.
var RuleNames = []string{"bp", "chl", "generec", "generec-mid", "generec-sym", "eqprop", "pc", "fa", "dfa", "arp"}

// KnownRule reports whether name is one of RuleNames.
func KnownRule(name string) bool {
	for _, n := range RuleNames {
		if n == name {
			return true
		}
	}
	return false
}
