package validate

// Rule describes one stable rule id that diagnostics carry. docs/format.md
// explains each with a bad and a fixed example; tests hold both to this list.
type Rule struct {
	ID      string
	Summary string
}

// Rules lists every rule id sla validate can report, by layer: the file,
// its structure (the JSON Schema), its values, then what it means.
var Rules = []Rule{
	// The file.
	{"not-a-regular-file", "a named pipe, socket or device has an agreement file's name (skipped: a warning)"},
	{"symlink-outside", "a symbolic link leads out of the folders given (not read: a warning)"},
	{"broken-symlink", "a symbolic link leads nowhere, or around a loop (skipped: a warning)"},
	{"file-too-large", "a file is larger than 1 MiB"},
	{"not-utf8", "a file is not UTF-8 text"},
	{"binary-file", "a file holds control characters: binary data"},
	{"empty-file", "a file holds no YAML documents (a notice: nothing to check)"},
	{"yaml-syntax", "the YAML does not parse"},
	{"tab-indentation", "a tab is used to indent"},
	{"bad-indentation", "a line is indented so that no block above can take it"},
	{"duplicate-key", "a key is written twice in one mapping"},
	{"nesting-too-deep", "values are nested deeper than 64 levels"},
	{"alias-limit", "aliases expand past 100,000 values, or an alias contains itself"},
	{"not-a-mapping", "a document is a list or a single value instead of a mapping"},
	// Structure.
	{"api-version", "apiVersion is not sla/v1"},
	{"unknown-kind", "kind is not Team, Calendar or Agreement"},
	{"unknown-field", "a field the format does not have"},
	{"missing-field", "a required field is missing"},
	{"wrong-type", "a value of the wrong type (a list where text belongs, …)"},
	{"comment-as-value", "a value left empty because YAML reads what follows \" #\" as a comment (`contact: #help`)"},
	{"invalid-value", "a value that is not one of those allowed (or breaks another schema rule)"},
	{"empty-list", "a list that must have items is empty"},
	{"empty-value", "a text that must not be empty is empty"},
	{"field-not-for-metric", "a field that the objective's metric does not use"},
	{"label-required", "a label_time objective names no label"},
	// Values.
	{"invalid-name", "a name is not a lowercase DNS label"},
	{"invalid-login", "a member is not a valid GitHub login"},
	{"invalid-github-team", "github_team is not org/team-slug"},
	{"invalid-repo", "a repository is not owner/name"},
	{"unknown-timezone", "timezone is not an IANA time zone"},
	{"invalid-day", "an hours key is not a weekday or a span of weekdays"},
	{"duplicate-day", "a weekday is given hours twice"},
	{"invalid-hours", "an hours range is not HH:MM-HH:MM with start before end"},
	{"hours-overlap", "two hours ranges of one day overlap"},
	{"invalid-date", "a date is not a real YYYY-MM-DD date"},
	{"invalid-duration", "within is not a duration such as 4h or 1h30m, or is zero"},
	{"invalid-window", "window is not a duration, month or quarter"},
	{"invalid-target", "target is not a percentage or fraction in (0, 100%]"},
	{"comment-in-text", "unquoted text that YAML cuts at \" #\" (a warning)"},
	// Meaning.
	{"duplicate-name", "two documents of one kind have the same name"},
	{"reserved-name", "a Calendar is named 24x7, the built-in calendar"},
	{"team-without-members", "a Team has neither members nor github_team"},
	{"duplicate-member", "a login is listed twice in a team (a warning)"},
	{"calendar-closed", "a Calendar has no open hour in the week"},
	{"duplicate-holiday", "a holiday is listed twice (a warning)"},
	{"unknown-reference", "a provider, consumer, calendar or objective that does not exist"},
	{"self-consumer", "the provider is also listed as a consumer"},
	{"duplicate-consumer", "a consumer is listed twice (a warning)"},
	{"duplicate-objective", "two objectives of one agreement have the same name"},
	{"checkin-without-expectations", "an agreement asks for check-ins but has no expectations to ask about"},
	{"duplicate-expectation", "an agreement with check-ins writes one expectation twice on one side"},
	{"expectation-side", "an expectation is tied to an objective owned by the other side"},
	{"business-days-in-within", "within uses d or w under a business calendar"},
	{"window-shorter-than-within", "within is more than the window can hold: wall time under 24x7, open hours under a calendar"},
	{"contradictory-labels", "a label is both required and excluded (a warning)"},
	{"no-calendar", "an agreement has no calendar, so it counts every hour, 24x7 (a warning)"},
	{"timezone-not-a-region", "a calendar's time zone is an abbreviation or a fixed offset, not a region's (a warning)"},
}
