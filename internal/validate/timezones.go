package validate

import (
	"fmt"
	"strconv"
	"strings"
)

// Time zones that load but name no place: abbreviations, fixed offsets and
// the old POSIX-style US zones. A calendar in one of them keeps the wrong
// hours for part of the year (EST is UTC-5 all year, so a team in New
// York would open an hour late all summer), or follows rules its team
// does not. Each gets a warning and the region's IANA name, where one
// region is meant; where several are, the form of the name instead.

// utcNames are the names of UTC itself: fine, since UTC has no daylight
// saving time to miss.
var utcNames = map[string]bool{
	"UTC": true, "Etc/UTC": true, "UCT": true, "Etc/UCT": true,
	"Universal": true, "Etc/Universal": true, "Zulu": true, "Etc/Zulu": true,
}

// regionForm says what to write instead when no single region is meant.
const regionForm = "write the IANA name of the team's place, Area/City, which follows the place's changes to and from summer time, such as "

var nonRegionalZones = map[string]struct{ what, instead string }{
	"EST":     {"UTC-5 all year, without daylight saving time", `for US Eastern time, which is UTC-4 in summer, write "America/New_York"`},
	"EST5EDT": {"an old name for US Eastern time", `write its region's IANA name, "America/New_York"`},
	"CST6CDT": {"an old name for US Central time", `write its region's IANA name, "America/Chicago"`},
	"MST7MDT": {"an old name for US Mountain time", `write its region's IANA name, "America/Denver"`},
	"PST8PDT": {"an old name for US Pacific time", `write its region's IANA name, "America/Los_Angeles"`},
	"MST":     {"UTC-7 all year, without daylight saving time", regionForm + `"America/Denver" (UTC-6 in summer) or "America/Phoenix" (UTC-7 all year)`},
	"HST":     {"UTC-10 all year, an abbreviation for Hawaii's time", `write its region's IANA name, "Pacific/Honolulu"`},
	"CET":     {"an abbreviation, Central European Time, not a place", regionForm + `"Europe/Berlin", "Europe/Paris" or "Europe/Warsaw"`},
	"MET":     {"an abbreviation, Middle European Time, not a place", regionForm + `"Europe/Berlin", "Europe/Paris" or "Europe/Warsaw"`},
	"EET":     {"an abbreviation, Eastern European Time, not a place", regionForm + `"Europe/Helsinki", "Europe/Bucharest" or "Europe/Athens"`},
	"WET":     {"an abbreviation, Western European Time, not a place", regionForm + `"Europe/Lisbon" or "Atlantic/Canary"`},
}

var gmtNames = map[string]bool{
	"GMT": true, "GMT0": true, "GMT+0": true, "GMT-0": true, "Greenwich": true,
	"Etc/GMT": true, "Etc/GMT0": true, "Etc/GMT+0": true, "Etc/GMT-0": true, "Etc/Greenwich": true,
}

// timezoneAdvice returns why a time zone that loads is not a region's,
// and what to write instead, or "" for a region's zone or UTC.
func timezoneAdvice(name string) string {
	if utcNames[name] {
		return ""
	}
	if z, ok := nonRegionalZones[name]; ok {
		return fmt.Sprintf("timezone %q is %s: %s", name, z.what, z.instead)
	}
	if gmtNames[name] {
		return fmt.Sprintf("timezone %q is UTC all year, without summer time: for a team in the UK, which is UTC+1 in summer, write \"Europe/London\"; if UTC is meant, write \"UTC\"", name)
	}
	if rest, ok := strings.CutPrefix(name, "Etc/GMT"); ok {
		if n, err := strconv.Atoi(rest); err == nil {
			// POSIX style: Etc/GMT+5 is five hours behind UTC.
			return fmt.Sprintf("timezone %q is a fixed offset, UTC%+d all year (the sign of these names is the opposite of the offset's): %s\"America/New_York\" or \"Europe/Berlin\"", name, -n, regionForm)
		}
	}
	return ""
}
