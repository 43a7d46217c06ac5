// Package agreement holds the three kinds of SPEC §2 — Team, Calendar and
// Agreement — as Go types, and loads them from YAML files: strictly, with
// the file, line and column of every value kept for diagnostics.
package agreement

// APIVersion is the only apiVersion this build reads.
const APIVersion = "sla/v1"

// The kinds of document.
const (
	KindTeam      = "Team"
	KindCalendar  = "Calendar"
	KindAgreement = "Agreement"
)

// AlwaysOpen is the name of the built-in calendar: always open, in UTC.
const AlwaysOpen = "24x7"

// Metric is what an objective measures (SPEC §3).
type Metric string

// Responders says whose comment, or close, is a first response.
type Responders string

// The metrics, and the responders of first_response.
const (
	MetricFirstResponse Metric = "first_response"
	MetricResolution    Metric = "resolution"
	MetricLabelTime     Metric = "label_time"
	// MetricSatisfaction measures no clock: the requesters' 👍 and 👎 on
	// the requests closed in the window (SPEC §7.1).
	MetricSatisfaction Metric = "satisfaction"

	RespondersProvider    Responders = "provider"
	RespondersMaintainers Responders = "maintainers"
	RespondersAnyone      Responders = "anyone"
)

// Metrics and AllResponders list every metric and every kind of
// responders, as the format documents them.
var (
	Metrics       = []Metric{MetricFirstResponse, MetricResolution, MetricLabelTime, MetricSatisfaction}
	AllResponders = []Responders{RespondersProvider, RespondersMaintainers, RespondersAnyone}
	AllRatedBy    = []RatedBy{RatedByAuthor, RatedByConsumers}
)

// Clocked reports whether the metric measures clocks against a within:
// every metric but satisfaction.
func (m Metric) Clocked() bool { return m != MetricSatisfaction }

// RatedBy says whose reactions rate a request (satisfaction).
type RatedBy string

// Who rates: the request's author, or the consumer teams' members by
// majority.
const (
	RatedByAuthor    RatedBy = "author"
	RatedByConsumers RatedBy = "consumers"
)

// DefaultMinRatings is how many ratings a satisfaction objective needs in
// its window, unless it says otherwise, to be judged at all.
const DefaultMinRatings = 5

// Owner is the side of an agreement that keeps an objective; expectations
// are written for the same two sides.
type Owner string

// The owners.
const (
	OwnerProvider  Owner = "provider"
	OwnerConsumers Owner = "consumers"
)

// Authors says whose issues a scope holds.
type Authors string

// Who may open an issue in scope.
const (
	AuthorsAnyone    Authors = "anyone"
	AuthorsConsumers Authors = "consumers"
)

// Metadata names a document.
type Metadata struct {
	Name        Name   `yaml:"name"`
	Title       string `yaml:"title,prose"`
	Description string `yaml:"description,prose"`
}

// Header is what every document has besides its spec.
type Header struct {
	Loc
	APIVersion string   `yaml:"apiVersion"`
	Kind       string   `yaml:"kind"`
	Metadata   Metadata `yaml:"metadata"`
}

// Team is a group of people that provides or consumes a service.
type Team struct {
	Header `yaml:",inline"`
	Spec   TeamSpec `yaml:"spec"`
}

// TeamSpec lists a team's members, directly and/or as a GitHub team.
type TeamSpec struct {
	Loc
	Members    []Login    `yaml:"members"`
	GitHubTeam GitHubTeam `yaml:"github_team"`
	Contact    string     `yaml:"contact,prose"`
}

// Calendar says when a team is at work: business time counts only then.
type Calendar struct {
	Header `yaml:",inline"`
	Spec   CalendarSpec `yaml:"spec"`
}

// CalendarSpec holds a calendar's time zone, weekly hours and holidays.
type CalendarSpec struct {
	Loc
	Timezone Timezone `yaml:"timezone"`
	Hours    Hours    `yaml:"hours"`
	Holidays []Date   `yaml:"holidays"`
}

// Agreement is what a provider team promises its consumer teams, and what
// they promise back.
type Agreement struct {
	Header `yaml:",inline"`
	Spec   AgreementSpec `yaml:"spec"`
}

// AgreementSpec is the body of an Agreement.
type AgreementSpec struct {
	Loc
	Provider      Name         `yaml:"provider,ref"`
	Consumers     []Name       `yaml:"consumers,ref"`
	Calendar      Name         `yaml:"calendar,ref"`
	Window        Window       `yaml:"window"`
	EffectiveFrom Date         `yaml:"effective_from"`
	Scope         Scope        `yaml:"scope"`
	Objectives    []Objective  `yaml:"objectives"`
	Expectations  Expectations `yaml:"expectations"`
	Checkin       Checkin      `yaml:"checkin"`
}

// Scope selects the issues an agreement measures.
type Scope struct {
	Loc
	Repos               []Repo `yaml:"repos"`
	LabelFilter         `yaml:",inline"`
	Authors             Authors `yaml:"authors"`
	IncludePullRequests bool    `yaml:"include_pull_requests"`
}

// Objective is one measurable promise.
type Objective struct {
	Loc
	Name        Name       `yaml:"name"`
	Metric      Metric     `yaml:"metric"`
	Within      Duration   `yaml:"within"`
	Target      Target     `yaml:"target"`
	Responders  Responders `yaml:"responders"`
	Where       Where      `yaml:"where"`
	Calendar    Name       `yaml:"calendar,ref"`
	PauseLabels []string   `yaml:"pause_labels"`
	Label       string     `yaml:"label"`
	Owner       Owner      `yaml:"owner"`
	RatedBy     RatedBy    `yaml:"rated_by"`
	MinRatings  int        `yaml:"min_ratings"`
}

// Where narrows the agreement's scope for one objective.
type Where struct {
	Loc
	LabelFilter `yaml:",inline"`
}

// LabelFilter is what a scope, and an objective's where, ask of an
// issue's labels: all of Labels, at least one of AnyLabels (when there
// are any), none of ExcludeLabels.
type LabelFilter struct {
	Labels        []string `yaml:"labels"`
	AnyLabels     []string `yaml:"any_labels"`
	ExcludeLabels []string `yaml:"exclude_labels"`
}

// Expectations are the roles of both sides, in prose.
type Expectations struct {
	Loc
	Provider  []Expectation `yaml:"provider"`
	Consumers []Expectation `yaml:"consumers"`
}

// Checkin asks the other side, once a period, whether each expectation
// was kept (SPEC §7.2). Every is empty when the agreement has none.
type Checkin struct {
	Loc
	// Every is the period: PeriodMonth or PeriodQuarter, in the
	// agreement's calendar's time zone.
	Every string `yaml:"every"`
	// Repo is where the check-in issues live.
	Repo Repo `yaml:"repo"`
}

// Set reports whether the agreement asks for check-ins.
func (c Checkin) Set() bool { return c.Every != "" }

// Expectation is a sentence, optionally tied to the objective that measures
// it. In YAML it is either a string or a mapping {text, objective}.
type Expectation struct {
	Loc
	Text      string `yaml:"text,prose"`
	Objective Name   `yaml:"objective,ref"`
}

// Set is everything loaded from a run's files.
type Set struct {
	Teams      []*Team
	Calendars  []*Calendar
	Agreements []*Agreement
	// Unreadable names the documents whose structure was wrong, by kind, so
	// that references to them are not reported as unknown too.
	Unreadable map[string][]Name
	// Incomplete lists the files of which some part could not be read as
	// documents at all (after a syntax error, say): what it defines is
	// unknown, so a reference to it cannot be called wrong.
	Incomplete []string
	Files      int
	Documents  int
	// Sources maps each file read to its contents, for showing source lines.
	Sources map[string][]byte
}
