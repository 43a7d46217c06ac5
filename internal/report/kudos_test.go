package report_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/sla-dev/sla/internal/agreement"
	"github.com/sla-dev/sla/internal/kudos"
	"github.com/sla-dev/sla/internal/report"
	"github.com/sla-dev/sla/internal/validate"
)

// thanksKudos are thanks alone, as kudos.Find returns them: Platform
// thanked 3 times (❤️ 2, 🎉 1) by 2 people on 2 comments, Data once (🎉).
func thanksKudos(by kudos.By) *kudos.Kudos {
	at := time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC)
	k := &kudos.Kudos{At: at, From: at.AddDate(0, 0, -7), Weeks: 1, By: by,
		Titles: map[agreement.Name]string{"platform": "Platform", "data": "Data"},
		Thanks: []kudos.Thanks{
			{Teams: []agreement.Name{"platform"}, Heart: 2, Hooray: 1, People: 2, Comments: 2},
			{Teams: []agreement.Name{"data"}, Hooray: 1, People: 1, Comments: 1},
		}}
	if by == kudos.ByPerson {
		k.Thanks[0].Login, k.Thanks[1].Login = "alice", "wei"
	}
	return k
}

// Each figure of thanks lands in its column, in every format: THANKS is
// ❤️ + 🎉 (2 + 1 = 3 for Platform, 0 + 1 = 1 for Data).
func TestKudosThanksColumns(t *testing.T) {
	t.Parallel()
	const (
		tableHead = `Streaks: met at every weekly point, counting back from now (4 weeks or more)
  none

Most improved: attainment up 5 points or more since 20 Nov 2026
  none

Thanks: ❤️ and 🎉 from consumers on the provider's comments
`
		tableTail = `
Kudos as of 2026-11-27 09:00 UTC, looking back 1 week (to 20 Nov 2026).
`
		mdHead = `**Kudos** — as of 2026-11-27 09:00 UTC, looking back 1 week (to 20 Nov 2026)

### Streaks

Met at every weekly point, counting back from now (4 weeks or more)

None yet.

### Most improved

Attainment up 5 points or more since 20 Nov 2026

None.

### Thanks

❤️ and 🎉 from consumers on the provider's comments

`
	)
	for _, tc := range []struct {
		name  string
		write func(*bytes.Buffer) error
		want  string
	}{
		{"table by team", func(b *bytes.Buffer) error { return report.WriteKudosTable(b, thanksKudos(kudos.ByTeam)) },
			tableHead + `  TEAM      THANKS  HEART  HOORAY  PEOPLE  COMMENTS
  Platform       3      2       1       2         2
  Data           1      0       1       1         1
` + tableTail},
		{"table by person", func(b *bytes.Buffer) error { return report.WriteKudosTable(b, thanksKudos(kudos.ByPerson)) },
			tableHead + `  PERSON  TEAM      THANKS  PEOPLE  COMMENTS
  alice   Platform       3       2         2
  wei     Data           1       1         1
` + tableTail},
		{"markdown by team", func(b *bytes.Buffer) error { return report.WriteKudosMarkdown(b, thanksKudos(kudos.ByTeam)) },
			mdHead + `| Team | Thanks | ❤️ | 🎉 | From | On |
|---|--:|--:|--:|--:|--:|
| Platform | 3 | 2 | 1 | 2 people | 2 comments |
| Data | 1 | 0 | 1 | 1 person | 1 comment |
`},
		{"markdown by person", func(b *bytes.Buffer) error { return report.WriteKudosMarkdown(b, thanksKudos(kudos.ByPerson)) },
			mdHead + `| Person | Team | Thanks | ❤️ | 🎉 | From | On |
|---|---|--:|--:|--:|--:|--:|
| alice | Platform | 3 | 2 | 1 | 2 people | 2 comments |
| wei | Data | 1 | 0 | 1 | 1 person | 1 comment |
`},
	} {
		var b bytes.Buffer
		if err := tc.write(&b); err != nil {
			t.Fatal(err)
		}
		if b.String() != tc.want {
			t.Errorf("%s:\n%s\nwant:\n%s", tc.name, b.String(), tc.want)
		}
	}
}

func TestKudosThanksJSON(t *testing.T) {
	t.Parallel()
	var b bytes.Buffer
	if err := report.WriteKudosJSON(&b, thanksKudos(kudos.ByPerson), "v1"); err != nil {
		t.Fatal(err)
	}
	var doc struct {
		By     string `json:"by"`
		Thanks []struct {
			Login                                   string
			Teams                                   []string
			Thanks, Heart, Hooray, People, Comments int
		} `json:"thanks"`
	}
	if err := json.Unmarshal(b.Bytes(), &doc); err != nil {
		t.Fatalf("%v\n%s", err, b.String())
	}
	want := `{By:person Thanks:[{Login:alice Teams:[platform] Thanks:3 Heart:2 Hooray:1 People:2 Comments:2} ` +
		`{Login:wei Teams:[data] Thanks:1 Heart:0 Hooray:1 People:1 Comments:1}]}`
	if got := fmt.Sprintf("%+v", doc); got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
}

// The page's thanks table has the same figures in the same columns, by
// team and by person.
func TestKudosThanksHTML(t *testing.T) {
	t.Parallel()
	rep := exampleTrend(t)
	set, _, err := validate.Run([]string{"../../agreements"})
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		by   kudos.By
		want []string
	}{
		{kudos.ByTeam, []string{
			`<tr><td><strong>Platform</strong></td><td class="num">3</td><td class="num kind">2</td><td class="num kind">1</td><td class="num">2 people</td><td class="num">2 comments</td></tr>`,
			`<tr><td><strong>Data</strong></td><td class="num">1</td><td class="num kind">0</td><td class="num kind">1</td><td class="num">1 person</td><td class="num">1 comment</td></tr>`,
		}},
		{kudos.ByPerson, []string{
			`<tr><td><strong>alice</strong></td><td>Platform</td><td class="num">3</td><td class="num kind">2</td><td class="num kind">1</td><td class="num">2 people</td><td class="num">2 comments</td></tr>`,
			`<tr><td><strong>wei</strong></td><td>Data</td><td class="num">1</td><td class="num kind">0</td><td class="num kind">1</td><td class="num">1 person</td><td class="num">1 comment</td></tr>`,
		}},
	} {
		var buf bytes.Buffer
		if err := report.WriteHTML(&buf, rep, set, report.HTMLOptions{Version: "test", Kudos: thanksKudos(tc.by)}); err != nil {
			t.Fatal(err)
		}
		for _, row := range tc.want {
			if !strings.Contains(buf.String(), row) {
				t.Errorf("by %s: the page lacks the row\n%s", tc.by, row)
			}
		}
	}
}
