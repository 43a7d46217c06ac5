package validate

import "github.com/sla-dev/sla/internal/diag"

// Rule describes one stable rule id that diagnostics carry. docs/format.md
// explains each with a bad and a fixed example; tests hold both to this list.
type Rule struct {
	ID      diag.Rule
	Summary string
}

// Rules lists every rule id sla validate can report, by layer: the file,
// its structure (the JSON Schema), its values, then what it means.
var Rules = []Rule{
	// The file.
	{diag.NotARegularFile, "a named pipe, socket or device has an agreement file's name (skipped: a warning)"},
	{diag.SymlinkOutside, "a symbolic link leads out of the folders given (not read: a warning)"},
	{diag.BrokenSymlink, "a symbolic link leads nowhere, or around a loop (skipped: a warning)"},
	{diag.FileTooLarge, "a file is larger than 1 MiB"},
	{diag.NotUTF8, "a file is not UTF-8 text"},
	{diag.BinaryFile, "a file holds control characters: binary data"},
	{diag.EmptyFile, "a file holds no YAML documents (a notice: nothing to check)"},
	{diag.YAMLSyntax, "the YAML does not parse"},
	{diag.TabIndentation, "a tab is used to indent"},
	{diag.BadIndentation, "a line is indented so that no block above can take it"},
	{diag.DuplicateKey, "a key is written twice in one mapping"},
	{diag.NestingTooDeep, "values are nested deeper than 64 levels"},
	{diag.AliasLimit, "aliases expand past 100,000 values, or an alias contains itself"},
	{diag.NotAMapping, "a document is a list or a single value instead of a mapping"},
	// Structure.
	{diag.APIVersion, "apiVersion is not sla/v1"},
	{diag.UnknownKind, "kind is not Team, Calendar or Agreement"},
	{diag.UnknownField, "a field the format does not have"},
	{diag.MissingField, "a required field is missing"},
	{diag.WrongType, "a value of the wrong type (a list where text belongs, …)"},
	{diag.CommentAsValue, "a value left empty because YAML reads what follows \" #\" as a comment (`contact: #help`)"},
	{diag.InvalidValue, "a value that is not one of those allowed (or breaks another schema rule)"},
	{diag.EmptyList, "a list that must have items is empty"},
	{diag.EmptyValue, "a text that must not be empty is empty"},
	{diag.FieldNotForMetric, "a field that the objective's metric does not use"},
	{diag.LabelRequired, "a label_time objective names no label"},
	// Values.
	{diag.InvalidName, "a name is not a lowercase DNS label"},
	{diag.InvalidLogin, "a member is not a valid GitHub login"},
	{diag.InvalidGitHubTeam, "github_team is not org/team-slug"},
	{diag.InvalidRepo, "a repository is not owner/name"},
	{diag.UnknownTimezone, "timezone is not an IANA time zone"},
	{diag.InvalidDay, "an hours key is not a weekday or a span of weekdays"},
	{diag.DuplicateDay, "a weekday is given hours twice"},
	{diag.InvalidHours, "an hours range is not HH:MM-HH:MM with start before end"},
	{diag.HoursOverlap, "two hours ranges of one day overlap"},
	{diag.InvalidDate, "a date is not a real YYYY-MM-DD date"},
	{diag.InvalidDuration, "within is not a duration such as 4h or 1h30m, or is zero"},
	{diag.InvalidWindow, "window is not a duration, month or quarter"},
	{diag.InvalidTarget, "target is not a percentage or fraction in (0, 100%]"},
	{diag.CommentInText, "unquoted text that YAML cuts at \" #\" (a warning)"},
	// Meaning.
	{diag.DuplicateName, "two documents of one kind have the same name"},
	{diag.ReservedName, "a Calendar is named 24x7, the built-in calendar"},
	{diag.TeamWithoutMembers, "a Team has neither members nor github_team"},
	{diag.DuplicateMember, "a login is listed twice in a team (a warning)"},
	{diag.CalendarClosed, "a Calendar has no open hour in the week"},
	{diag.DuplicateHoliday, "a holiday is listed twice (a warning)"},
	{diag.UnknownReference, "a provider, consumer, calendar or objective that does not exist"},
	{diag.SelfConsumer, "the provider is also listed as a consumer"},
	{diag.DuplicateConsumer, "a consumer is listed twice (a warning)"},
	{diag.DuplicateObjective, "two objectives of one agreement have the same name"},
	{diag.ExpectationSide, "an expectation is tied to an objective owned by the other side"},
	{diag.BusinessDaysInWithin, "within uses d or w under a business calendar"},
	{diag.WindowShorterThanWithin, "within is more than the window can hold: wall time under 24x7, open hours under a calendar"},
	{diag.ContradictoryLabels, "a label is both required and excluded (a warning)"},
	{diag.NoCalendar, "an agreement has no calendar, so it counts every hour, 24x7 (a warning)"},
	{diag.TimezoneNotARegion, "a calendar's time zone is an abbreviation or a fixed offset, not a region's (a warning)"},
}
