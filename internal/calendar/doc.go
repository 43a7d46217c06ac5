// Package calendar does business-time arithmetic: how much open time of a
// calendar lies between two instants, and when a given amount of open time
// will have passed (SPEC §3, "Business time"). Everything here is a pure
// function of its arguments: no I/O and no clock.
//
// # Days and ranges
//
// A calendar has, per weekday, a list of opening ranges written as wall-clock
// times in the calendar's time zone ("09:00-17:00"), and a list of holidays:
// local days that are closed all day. A local day runs from its 00:00 to the
// next day's 00:00, so the days of a calendar tile the time line without gaps
// or overlaps, and a range ending at "24:00" ends where the next day begins.
//
// # Daylight saving time
//
// Ranges are turned into real instants on each day, and business time is the
// real time elapsed inside them. On the day clocks go forward, an open range
// that spans the jump is an hour shorter; on the day they go back, an hour
// longer. In Europe/Berlin on 2026-03-29 (02:00 becomes 03:00) "00:00-24:00"
// is 23h and "01:00-04:00" is 2h; on 2026-10-25 (03:00 becomes 02:00) they are
// 25h and 4h.
//
// Wall times that do not name exactly one instant are resolved like this:
//
//   - A wall time inside a gap (02:30 on 2026-03-29 in Berlin never happens)
//     maps to the instant of the transition, the moment the clock jumps. A
//     range starting or ending inside the gap therefore starts or ends at the
//     jump: "02:30-05:00" is open from 03:00 CEST on (2h), and "02:00-02:30"
//     is empty that day.
//   - A wall time that happens twice (02:30 on 2026-10-25 in Berlin) maps to
//     its first occurrence, the earlier instant. A range ending at such a time
//     ends at its first occurrence; a range covering the whole repeated hour
//     counts it twice, as the real time it is.
//
// These rules make the mapping from wall time to instant non-decreasing, so
// a day's ranges stay ordered and never overlap, and a range that is empty on
// some day simply contributes nothing.
//
// # Precision and range
//
// Instants may come in any location; only the instant matters, and sub-second
// precision is kept. Monotonic clock readings are ignored. Between, Add and
// IsOpen cost the same for spans of hours or months: per-day totals are
// indexed for the years 1970 to 2099, and outside those years the answer is
// still exact, only slower (proportional to the number of time zone
// transitions in the span).
package calendar
