// Package quartztest holds the table of Quartz cron expressions that package quartz is tested
// with, so that everything checking cron expressions the way ISC does (the provider at plan time,
// the emulator) is tested against the same cases.
package quartztest

// Accepted are valid Quartz cron expressions.
var Accepted = []string{
	"0 0 5,13,21 * * ?",
	"0 0 12 1/1 * ? *",
	"  0  0 5 * * ?  ",
	"0 15 10 ? * MON-FRI",
	"0 15 10 ? * mon-fri",
	"0 0 0 ? * 1",
	"0 0 0 ? * 7",
	"0 0 0 ? * SUN,SAT",
	"0 0 0 ? * FRI-MON", // Quartz wraps ranges around
	"0 0 22-2 * * ?",
	"0 0/5 14,18 * * ?",
	"*/30 * * * * ?",
	"/30 * * * * ?", // Quartz reads it as */30
	"0 0 0 1-31/2 * ?",
	"0 0 0 ? JAN-MAR,DEC SUN",
	"0 0 0 ? 1-12/3 2",
	"0 15 10 L * ?",
	"0 15 10 l * ?",
	"0 15 10 L-2 * ?",
	"0 15 10 L-3W * ?",
	"0 15 10 LW * ?",
	"0 15 10 15W * ?",
	"0 15 10 ? * L",
	"0 15 10 ? * 6L",
	"0 15 10 ? * FRIL",
	"0 15 10 ? * 6#3",
	"0 15 10 ? * FRI#5",
	"0 0 0 1 1 ? 2030",
	"0 0 0 1 1 ? 2030-2035",
	"0 0 0 1 1 ? 2030/2",
	"0 0 0 1 1 ? *",
}

// Rejection is an invalid expression and a part of the error quartz.Check gives for it.
type Rejection struct {
	Expr, Want string
}

// Rejected are invalid Quartz cron expressions.
var Rejected = []Rejection{
	{"", "it is empty"},
	{"0 5 * * *", `it has 5 fields, like a Unix cron expression; Quartz expressions have 6 or 7 and start with seconds, so "0 5 * * *" becomes "0 0 5 * * ?"`},
	{"0 5 * * 1", "number days of the week 1-7 from SUN"},
	{"0 0 5 * * ? 2030 1", "it has 8 fields; expected 6 or 7 (seconds minutes hours day-of-month month day-of-week [year])"},
	{"60 0 0 * * ?", `the seconds field "60" is invalid: 60 is out of range; expected 0-59`},
	{"0 60 0 * * ?", `the minutes field "60" is invalid: 60 is out of range; expected 0-59`},
	{"0 0 24 * * ?", `the hours field "24" is invalid: 24 is out of range; expected 0-23`},
	{"0 0 1,25 * * ?", `the hours field "1,25" is invalid: 25 is out of range; expected 0-23`},
	{"0 0 x * * ?", `the hours field "x" is invalid: "X" is not a number; expected 0-23`},
	{"0 0 0 32 * ?", `the day-of-month field "32" is invalid: 32 is out of range; expected 1-31, L`},
	{"0 0 0 0 * ?", `the day-of-month field "0" is invalid: 0 is out of range`},
	{"0 0 0 JUL * ?", `the day-of-month field "JUL" is invalid: "JUL" is not a number`},
	{"0 0 0 99999999999999999999 * ?", `99999999999999999999 is out of range`},
	{"0 0 0 ? 13 *", `the month field "13" is invalid: 13 is out of range; expected 1-12 or JAN-DEC`},
	{"0 0 0 ? JUNE *", `the month field "JUNE" is invalid: "JUNE" is neither a number nor a name (JAN-DEC)`},
	{"0 0 0 ? * 0", `the day-of-week field "0" is invalid: 0 is out of range: Quartz counts days of the week from 1 = SUN, not from 0; expected 1-7 (1 = SUN, 7 = SAT) or SUN-SAT`},
	{"0 0 0 ? * 8", `the day-of-week field "8" is invalid: 8 is out of range`},
	{"0 0 0 ? * MON-5", `the range "MON-5" mixes a name and a number`},
	{"0 0 0 ? * MON/2", `a step cannot follow a name, since Quartz would ignore it; write 2/2 instead of MON/2`},
	{"0 0 0 ? * MON-FRI/2", `write 2-6/2 instead of MON-FRI/2`},
	{"0 0 0 ? JAN-DEC/3 *", `write 1-12/3 instead of JAN-DEC/3`},
	{"0 0 0 * * ? 1969", `the year field "1969" is invalid: 1969 is out of range; expected 1970-2099`},
	{"0 0 0 * * ? 2035-2030", `the range "2035-2030" ends before it starts`},
	{"0 0 0 * * ? 2030/200", `the step "200" must be a number from 1 to 129`},
	{"0 0/0 0 * * ?", `the minutes field "0/0" is invalid: the step "0" must be a number from 1 to 59`},
	{"0 0/60 0 * * ?", `the step "60" must be a number from 1 to 59`},
	{"0 0 5/ * * ?", `the step "" must be a number from 1 to 23`},
	{"0 0 1,,2 * * ?", `a list item is empty`},
	{"0 0 1- * * ?", `a value is missing`},
	{"? 0 0 * * ?", `the seconds field "?" is invalid: "?" is only allowed in day-of-month and day-of-week`},
	{"0 0 0 ?,1 * ?", `"?" must stand alone`},
	{"0 0 0 1,L * ?", `the day-of-month field "1,L" is invalid: the forms L and W must stand alone`},
	{"0 0 0 L-31 * ?", `the offset n of L-n must be from 0 to 30`},
	{"0 0 0 32W * ?", `the form nW needs one day n from 1 to 31`},
	{"0 0 0 1-5W * ?", `the form nW needs one day n from 1 to 31`},
	{"0 0 0 ? * 1,6L", `the day-of-week field "1,6L" is invalid: the forms L and # must stand alone`},
	{"0 0 0 ? * 6#6", `n#k needs k from 1 to 5`},
	{"0 0 0 ? * 9#2", `9 is out of range`},
	{"0 0 0 ? * 0L", `Quartz counts days of the week from 1 = SUN`},
	{"0 0 0 * * *", `day-of-month "*" and day-of-week "*" are both set; Quartz needs "?" in one of them: write "0 0 0 ? * *"`},
	{"0 0 6 1 * *", `: write "0 0 6 1 * ?"`},
	{"0 0 6 1 * MON", `a schedule runs either on days of the month or on days of the week, not both`},
	{"0 0 6 ? * ?", `day-of-month and day-of-week are both "?"; exactly one of them must be "?": write "0 0 6 * * ?"`},
	// Each field out of its range, and both day fields set.
	{"61 * * * * ?", `the seconds field "61" is invalid: 61 is out of range; expected 0-59`},
	{"0 0 25 * * ?", `the hours field "25" is invalid: 25 is out of range; expected 0-23`},
	{"0 0 12 32 * ?", `the day-of-month field "32" is invalid: 32 is out of range`},
	{"0 0 12 ? 13 *", `the month field "13" is invalid: 13 is out of range`},
	{"0 0 12 ? * 8", `the day-of-week field "8" is invalid: 8 is out of range`},
	{"0 0 12 * * 2", `day-of-month "*" and day-of-week "2" are both set; Quartz needs "?" in one of them: write "0 0 12 ? * 2"`},
}
