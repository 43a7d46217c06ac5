package demodata_test

import (
	"bytes"
	"compress/gzip"
	"io"
	"os"
	"sync"
	"testing"
	_ "time/tzdata" // the same zone data on every machine

	"github.com/sla-dev/sla/internal/agreement"
	"github.com/sla-dev/sla/internal/compliance"
	"github.com/sla-dev/sla/internal/demodata"
	"github.com/sla-dev/sla/internal/snapshot"
	"github.com/sla-dev/sla/internal/validate"
)

func load(t *testing.T) *agreement.Set {
	t.Helper()
	set, diags, err := validate.Run([]string{"../../agreements"})
	if err != nil {
		t.Fatal(err)
	}
	if diags.HasErrors() {
		t.Fatalf("the example agreements are invalid: %v", diags)
	}
	return set
}

// encoded is the snapshot as WriteFile writes it, before compression.
func encoded(t *testing.T, s *snapshot.Snapshot) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := snapshot.Write(&buf, s); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func generate(t *testing.T, set *agreement.Set, o demodata.Options) []byte {
	t.Helper()
	s, err := demodata.Generate(set, o)
	if err != nil {
		t.Fatal(err)
	}
	return encoded(t, s)
}

// fresh is a generation with the default options, made once.
var fresh = sync.OnceValues(func() (*agreement.Set, *snapshot.Snapshot) {
	set, diags, err := validate.Run([]string{"../../agreements"})
	if err != nil || diags.HasErrors() {
		return nil, nil
	}
	s, err := demodata.Generate(set, demodata.DefaultOptions())
	if err != nil {
		return nil, nil
	}
	return set, s
})

func freshExample(t *testing.T) (*agreement.Set, *snapshot.Snapshot) {
	t.Helper()
	set, s := fresh()
	if s == nil {
		load(t) // reports why
		t.Fatal("Generate failed")
	}
	return set, s
}

func TestDeterministic(t *testing.T) {
	set, first := freshExample(t)
	a, b := encoded(t, first), generate(t, set, demodata.DefaultOptions())
	if !bytes.Equal(a, b) {
		t.Fatal("two generations with the same options differ")
	}
	// The seed matters: another one gives other data.
	o := demodata.DefaultOptions()
	o.Seed++
	if bytes.Equal(a, generate(t, set, o)) {
		t.Error("another seed gave the same data")
	}
}

// The committed example is what `make demo-data` writes today: if this
// fails, the generator or the agreements changed without regenerating it.
// The comparison is of the JSON inside the gzip, so a change in the
// compressor's output alone does not fail it.
func TestCommittedExampleIsCurrent(t *testing.T) {
	_, s := freshExample(t)
	want := encoded(t, s)
	f, err := os.Open("example.json.gz")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		t.Fatalf("example.json.gz is not gzipped: %v", err)
	}
	got, err := io.ReadAll(zr)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Fatalf("internal/demodata/example.json.gz is stale (%d bytes of JSON, a fresh generation has %d): run `make demo-data`", len(got), len(want))
	}
}

// Evaluated at its fetch time, the example shows every status, and its data
// reach back far enough for every objective's window (else `make demo`
// would refuse it).
func TestExampleShowsEveryStatus(t *testing.T) {
	set, snap := freshExample(t)
	o := demodata.DefaultOptions()
	if !snap.FetchedAt.Equal(o.FetchedAt) || !snap.Since.Before(snap.FetchedAt) {
		t.Fatalf("fetched %v, since %v", snap.FetchedAt, snap.Since)
	}
	objectives, err := compliance.Compile(set, compliance.ResolveTeams(set, snap.Teams))
	if err != nil {
		t.Fatal(err)
	}
	for _, ob := range objectives {
		if start := ob.Period.DataFrom(o.FetchedAt, 1); start.Before(snap.Since) {
			t.Errorf("%s: window starts %v, before the data (%v)", ob.Name(), start, snap.Since)
		}
	}
	rep := compliance.Evaluate(objectives, snap, o.FetchedAt)
	seen := map[compliance.Status][]string{}
	for _, r := range rep.Results {
		seen[r.Status] = append(seen[r.Status], r.Objective.Name())
		if !r.Complete {
			t.Errorf("%s is incomplete: %v", r.Objective.Name(), r.Missing)
		}
	}
	for _, s := range []compliance.Status{compliance.StatusMet, compliance.StatusAtRisk, compliance.StatusBreached, compliance.StatusNoData} {
		if len(seen[s]) == 0 {
			t.Errorf("no objective is %s (statuses: %v)", s, seen)
		}
	}
}
