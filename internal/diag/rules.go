package diag

// Rule is the stable id of a kind of problem, shown in brackets after a
// diagnostic's message. docs/format.md explains each with a bad and a
// fixed example, and validate.Rules lists them with a summary; every
// diagnostic names its rule by one of these constants, never by a string
// written where it is reported.
type Rule string

// The rules, by layer: the file, its structure (the JSON Schema), its
// values, then what it means.
const (
	// The file.
	NotARegularFile Rule = "not-a-regular-file"
	SymlinkOutside  Rule = "symlink-outside"
	BrokenSymlink   Rule = "broken-symlink"
	FileTooLarge    Rule = "file-too-large"
	NotUTF8         Rule = "not-utf8"
	BinaryFile      Rule = "binary-file"
	EmptyFile       Rule = "empty-file"
	YAMLSyntax      Rule = "yaml-syntax"
	TabIndentation  Rule = "tab-indentation"
	BadIndentation  Rule = "bad-indentation"
	DuplicateKey    Rule = "duplicate-key"
	NestingTooDeep  Rule = "nesting-too-deep"
	AliasLimit      Rule = "alias-limit"
	NotAMapping     Rule = "not-a-mapping"
	// Structure.
	APIVersion        Rule = "api-version"
	UnknownKind       Rule = "unknown-kind"
	UnknownField      Rule = "unknown-field"
	MissingField      Rule = "missing-field"
	WrongType         Rule = "wrong-type"
	CommentAsValue    Rule = "comment-as-value"
	InvalidValue      Rule = "invalid-value"
	EmptyList         Rule = "empty-list"
	EmptyValue        Rule = "empty-value"
	FieldNotForMetric Rule = "field-not-for-metric"
	LabelRequired     Rule = "label-required"
	// Values.
	InvalidName       Rule = "invalid-name"
	InvalidLogin      Rule = "invalid-login"
	InvalidGitHubTeam Rule = "invalid-github-team"
	InvalidRepo       Rule = "invalid-repo"
	UnknownTimezone   Rule = "unknown-timezone"
	InvalidDay        Rule = "invalid-day"
	DuplicateDay      Rule = "duplicate-day"
	InvalidHours      Rule = "invalid-hours"
	HoursOverlap      Rule = "hours-overlap"
	InvalidDate       Rule = "invalid-date"
	InvalidDuration   Rule = "invalid-duration"
	InvalidWindow     Rule = "invalid-window"
	InvalidTarget     Rule = "invalid-target"
	CommentInText     Rule = "comment-in-text"
	// Meaning.
	DuplicateName           Rule = "duplicate-name"
	ReservedName            Rule = "reserved-name"
	TeamWithoutMembers      Rule = "team-without-members"
	DuplicateMember         Rule = "duplicate-member"
	CalendarClosed          Rule = "calendar-closed"
	DuplicateHoliday        Rule = "duplicate-holiday"
	UnknownReference        Rule = "unknown-reference"
	SelfConsumer            Rule = "self-consumer"
	DuplicateConsumer       Rule = "duplicate-consumer"
	DuplicateObjective      Rule = "duplicate-objective"
	ExpectationSide         Rule = "expectation-side"
	BusinessDaysInWithin    Rule = "business-days-in-within"
	WindowShorterThanWithin Rule = "window-shorter-than-within"
	ContradictoryLabels     Rule = "contradictory-labels"
	NoCalendar              Rule = "no-calendar"
	TimezoneNotARegion      Rule = "timezone-not-a-region"
)
