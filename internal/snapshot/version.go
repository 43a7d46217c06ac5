package snapshot

import "fmt"

// The file's layouts, and what each one holds. Every decision that rests
// on a file's layout is here: Read checks it with checkVersion, and the
// rest asks the Snapshot (LacksReactions) rather than comparing numbers.
//
//	1  issues, comments, events and teams
//	2  reactions: issue and comment rollups, and the reactions listed;
//	   check-ins: the check-in issues with their expectations' votes;
//	   files of layout 1 read as holding neither
const (
	// Format names the file kind.
	Format = "sla-snapshot"
	// Version is the newest layout this build reads, and the one it writes.
	Version = 2
	// reactionsVersion is the first layout that records reactions.
	reactionsVersion = 2
)

// checkVersion says why a file of that layout cannot be read: written by a
// newer sla, or not a layout at all.
func checkVersion(v int) error {
	if v > Version {
		return fmt.Errorf("snapshot version %d is newer than this sla reads (%d): upgrade sla", v, Version)
	}
	if v < 1 {
		return fmt.Errorf("snapshot version %d is not valid", v)
	}
	return nil
}

// LacksReactions reports whether the snapshot was read from a file written
// before reactions were recorded: its requests look unrated, and its
// repositories must be read afresh to learn their reactions. A snapshot
// made in memory (Version 0) holds whatever it was given.
func (s *Snapshot) LacksReactions() bool {
	return s.Version != 0 && s.Version < reactionsVersion
}
