//! Tests of the state machine: every step against the issue's table, the guards, and random
//! walks (proptest).

use super::*;
use Party::System;
use proptest::prelude::*;
use time::macros::date;

const TODAY: Date = date!(2027 - 03 - 20);

fn ready() -> Context {
    Context {
        planned: DateRange::new(date!(2027 - 03 - 01), date!(2027 - 03 - 20)).unwrap(),
        actual_start: Some(date!(2027 - 03 - 02)),
        checklist_complete: true,
        proof_missing: None,
        licence_missing: false,
        has_report: true,
        has_evaluation: true,
        today: TODAY,
    }
}

fn said(comment: &str) -> Input {
    Input { comment: comment.into(), date: None, override_proof: false }
}

/// The lifecycle as the issue states it, independently of `MACHINE`.
fn expected(from: Status, to: Status, by: Party) -> bool {
    match (from, to) {
        (Planned, Approved) | (Approved, Preparing) | (Preparing, InProgress) | (InProgress, Completed) => by == Staff,
        (Evaluated, Closed) => by == Staff,
        (Planned | Approved | Preparing, Cancelled) => by == Staff,
        (Completed, Reported) => by == Expert,
        (Reported, Evaluated) => by == Host,
        _ => false,
    }
}

#[test]
fn every_step_is_allowed_or_refused_as_the_issue_says() {
    for &from in Status::ALL {
        for &to in Status::ALL {
            for &by in Party::ALL {
                let result = transition(from, to, by, &ready(), &said("because"));
                assert_eq!(result.is_ok(), expected(from, to, by), "{from} -> {to} by {by}: {result:?}");
                assert_eq!(allowed_targets(from, by, &ready()).contains(&to), expected(from, to, by));
            }
        }
    }
}

#[test]
fn illegal_steps_are_refused_with_their_reason() {
    let ctx = ready();
    assert_eq!(transition(Planned, Planned, Staff, &ctx, &said("")), Err(Refusal::Unchanged { status: Planned }));
    assert_eq!(
        transition(Planned, InProgress, Staff, &ctx, &said("")),
        Err(Refusal::NoSuchStep { from: Planned, to: InProgress })
    );
    assert_eq!(
        transition(InProgress, Cancelled, Staff, &ctx, &said("too late")),
        Err(Refusal::NoSuchStep { from: InProgress, to: Cancelled }),
        "no cancelling once started"
    );
    let not_yours = transition(Completed, Reported, Staff, &ctx, &said("")).unwrap_err();
    assert_eq!(
        not_yours.message(),
        "a mission that is completed becomes reported only by the expert, not by a coordinator"
    );
    assert_eq!(
        transition(Planned, Approved, Expert, &ctx, &said("")),
        Err(Refusal::NotYours { from: Planned, to: Approved, by: Expert })
    );
    assert_eq!(
        transition(Reported, Evaluated, System, &ctx, &said("")),
        Err(Refusal::NotYours { from: Reported, to: Evaluated, by: System })
    );
    for terminal in [Closed, Cancelled] {
        for &to in Status::ALL {
            for &by in Party::ALL {
                assert!(transition(terminal, to, by, &ctx, &said("x")).is_err());
            }
        }
    }
    assert_eq!(
        transition(Approved, Cancelled, Staff, &ctx, &said(" ")),
        Err(Refusal::ReasonRequired { to: Cancelled })
    );
    let long = "x".repeat(MAX_COMMENT_CHARS + 1);
    assert_eq!(
        transition(Planned, Approved, Staff, &ctx, &said(&long)),
        Err(Refusal::CommentTooLong { max: MAX_COMMENT_CHARS })
    );
    assert_eq!(
        transition(Approved, Cancelled, Staff, &ctx, &said("visa\0refused")),
        Err(Refusal::CommentControl { character: '\0' })
    );
}

#[test]
fn an_emergency_health_worker_leaves_only_with_a_verified_licence_and_no_override_changes_that() {
    let unlicensed = Context { licence_missing: true, ..ready() };
    assert_eq!(transition(Preparing, InProgress, Staff, &unlicensed, &said("")), Err(Refusal::LicenceUnverified));
    let overriding = Input { comment: "the hospital insists".into(), date: None, override_proof: true };
    assert_eq!(transition(Preparing, InProgress, Staff, &unlicensed, &overriding), Err(Refusal::LicenceUnverified));
    assert_eq!(allowed_targets(Preparing, Staff, &unlicensed), vec![Cancelled], "starting is not offered");
    assert!(transition(Preparing, Cancelled, Staff, &unlicensed, &said("no licence in time")).is_ok());
    assert!(transition(Preparing, InProgress, Staff, &ready(), &said("")).is_ok(), "verified: it leaves");
}

#[test]
fn guards_on_the_checklist_the_report_the_evaluation_and_the_days() {
    let unready = Context { checklist_complete: false, has_report: false, has_evaluation: false, ..ready() };
    assert_eq!(transition(Preparing, InProgress, Staff, &unready, &said("")), Err(Refusal::ChecklistIncomplete));
    assert_eq!(transition(Completed, Reported, Expert, &unready, &said("")), Err(Refusal::ReportMissing));
    assert_eq!(transition(Reported, Evaluated, Host, &unready, &said("")), Err(Refusal::EvaluationMissing));
    assert!(allowed_targets(Preparing, Staff, &unready) == vec![Cancelled]);
    assert_eq!(next_steps(Preparing, Staff), vec![InProgress, Cancelled]);

    let start = transition(Preparing, InProgress, Staff, &ready(), &said("")).unwrap();
    assert_eq!(start.date, Some(TODAY), "today by default");
    let future = Input { comment: String::new(), date: Some(TODAY + time::Duration::days(1)), override_proof: false };
    assert_eq!(transition(Preparing, InProgress, Staff, &ready(), &future), Err(Refusal::DateInFuture));

    let early = Input { comment: String::new(), date: Some(date!(2027 - 03 - 15)), override_proof: false };
    assert_eq!(transition(InProgress, Completed, Staff, &ready(), &early), Err(Refusal::EarlyEndReasonRequired));
    let early = Input { comment: "The lab closed for exams.".into(), ..early };
    let step = transition(InProgress, Completed, Staff, &ready(), &early).unwrap();
    assert!(step.early_end);
    assert_eq!(step.detail(), "in_progress -> completed (2027-03-15, early): The lab closed for exams.");
    let on_time = transition(InProgress, Completed, Staff, &ready(), &said("")).unwrap();
    assert!(!on_time.early_end);
    let before_start = Input { comment: "x".into(), date: Some(date!(2027 - 03 - 01)), override_proof: false };
    assert_eq!(transition(InProgress, Completed, Staff, &ready(), &before_start), Err(Refusal::EndBeforeStart));
}

#[test]
fn extensions_move_the_end_later_with_a_reason() {
    let end = date!(2027 - 03 - 20);
    assert!(extension(InProgress, end, date!(2027 - 03 - 27), "Two more modules asked").is_ok());
    assert_eq!(extension(InProgress, end, end, "x"), Err(ExtensionRefusal::NotLater));
    assert_eq!(extension(Approved, end, date!(2027 - 04 - 01), " "), Err(ExtensionRefusal::ReasonRequired));
    assert_eq!(
        extension(Approved, end, date!(2027 - 04 - 01), "more\u{7}"),
        Err(ExtensionRefusal::ReasonControl { character: '\u{7}' })
    );
    assert_eq!(decision_note("ok\u{2066}"), Err(ExtensionRefusal::NoteControl { character: '\u{2066}' }));
    assert_eq!(decision_note("approved:\nsee budget"), Ok(()));
    for status in [Completed, Reported, Evaluated, Closed, Cancelled] {
        assert_eq!(extension(status, end, date!(2027 - 04 - 01), "x"), Err(ExtensionRefusal::Closed { status }));
    }
}

#[test]
fn bookings_and_codes() {
    assert_eq!(Status::ALL.iter().filter(|s| s.books()).count(), 4);
    assert!(!Cancelled.books() && !Completed.books());
    for &status in Status::ALL {
        assert_eq!(Status::parse(status.code()).unwrap(), status);
    }
}

proptest! {
    /// Random steps by random parties under random guards stay on the lifecycle, and the
    /// records chain from planned to the final state.
    #[test]
    fn random_steps_stay_on_the_lifecycle(
        steps in proptest::collection::vec(
            (proptest::sample::select(Party::ALL), proptest::sample::select(Status::ALL),
             any::<bool>(), any::<bool>(), any::<bool>(), any::<bool>()),
            0..60),
    ) {
        let mut state = Planned;
        let mut records = Vec::new();
        for (by, to, checklist, report, evaluation, commented) in steps {
            let context = Context { checklist_complete: checklist, has_report: report, has_evaluation: evaluation, ..ready() };
            let input = Input { comment: if commented { "why".into() } else { String::new() }, date: None, override_proof: false };
            match transition(state, to, by, &context, &input) {
                Ok(step) => {
                    prop_assert!(expected(state, to, by));
                    prop_assert!(to != InProgress || checklist);
                    prop_assert!(to != Reported || report);
                    prop_assert!(to != Evaluated || evaluation);
                    prop_assert!(to != Cancelled || commented);
                    records.push(step.clone());
                    state = step.to;
                }
                Err(_) => {
                    let legal = expected(state, to, by) && (to != InProgress || checklist)
                        && (to != Reported || report) && (to != Evaluated || evaluation)
                        && (to != Cancelled || commented);
                    prop_assert!(!legal, "{} -> {} by {} was refused", state, to, by);
                }
            }
        }
        let mut replay = Planned;
        for step in &records {
            prop_assert_eq!(step.from, replay);
            replay = step.to;
        }
        prop_assert_eq!(replay, state);
    }
}

#[test]
fn a_start_far_from_the_plan_is_flagged_either_way() {
    let planned = DateRange::new(date!(2027 - 03 - 01), date!(2027 - 03 - 20)).unwrap();
    assert_eq!(start_off_plan(planned, date!(2027 - 03 - 01)), None);
    assert_eq!(start_off_plan(planned, date!(2027 - 02 - 22)), None, "a week early is within the tolerance");
    assert_eq!(start_off_plan(planned, date!(2027 - 03 - 08)), None, "a week late too");
    assert_eq!(start_off_plan(planned, date!(2027 - 02 - 01)), Some(-28), "four weeks early");
    assert_eq!(start_off_plan(planned, date!(2027 - 04 - 01)), Some(31));
}
