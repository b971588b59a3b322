//! Tests of the state machine: every step against the issue's table, the guards, and random
//! walks (proptest).

use super::*;
use proptest::prelude::*;
use time::macros::date;

const TODAY: Date = date!(2027 - 02 - 01);

fn open() -> Context {
    Context { request_open: true, free_positions: 1, expert_booked: false, reply_by: Some(TODAY), today: TODAY }
}

fn input(comment: &str) -> Input {
    Input { comment: comment.into(), reply_by: Some(TODAY + Duration::days(7)) }
}

/// The pipeline as the issue states it, written independently of `MACHINE`.
fn expected(from: Status, to: Status, by: Party) -> bool {
    match (from, to) {
        (Shortlisted, Invited) | (Expired, Invited) | (Accepted, Proposed) | (HostApproved, Selected) => by == Staff,
        (Invited, Accepted) | (Invited, Declined) => by == Expert,
        (Invited, Expired) => by == System,
        (Proposed, HostApproved) | (Proposed, HostDeclined) => by == Host,
        (Shortlisted | Invited, Withdrawn) => by == Staff,
        (Accepted | Proposed | HostApproved, Withdrawn) => by == Staff || by == Expert,
        _ => false,
    }
}

#[test]
fn every_step_is_allowed_or_refused_as_the_issue_says() {
    for &from in Status::ALL {
        for &to in Status::ALL {
            for &by in Party::ALL {
                let result = transition(from, to, by, &open(), &input("a reason"));
                assert_eq!(result.is_ok(), expected(from, to, by), "{from} -> {to} by {by}: {result:?}");
                assert_eq!(allowed_targets(from, by, &open()).contains(&to), expected(from, to, by));
                if let Err(refusal) = result {
                    assert!(refusal.code().starts_with("candidate.") && !refusal.message().is_empty());
                }
            }
        }
    }
}

#[test]
fn illegal_steps_name_their_reason() {
    let ctx = open();
    assert_eq!(transition(Invited, Invited, Expert, &ctx, &input("")), Err(Refusal::Unchanged { status: Invited }));
    assert_eq!(
        transition(Shortlisted, Selected, Staff, &ctx, &input("")),
        Err(Refusal::NoSuchStep { from: Shortlisted, to: Selected })
    );
    let refusal = transition(Invited, Accepted, Staff, &ctx, &input("")).unwrap_err();
    assert_eq!(refusal, Refusal::NotYours { from: Invited, to: Accepted, by: Staff });
    assert_eq!(
        refusal.message(),
        "a candidate who is invited becomes accepted only by the expert, not by a coordinator"
    );
    assert_eq!(
        transition(Proposed, HostApproved, Expert, &ctx, &input("")).unwrap_err(),
        Refusal::NotYours { from: Proposed, to: HostApproved, by: Expert }
    );
    assert_eq!(
        transition(Invited, Withdrawn, Expert, &ctx, &input("x")).unwrap_err(),
        Refusal::NotYours { from: Invited, to: Withdrawn, by: Expert },
        "an invited expert declines rather than withdraws"
    );
    for terminal in [Declined, HostDeclined, Selected, Withdrawn] {
        assert!(terminal.is_final());
        for &to in Status::ALL {
            for &by in Party::ALL {
                assert!(transition(terminal, to, by, &ctx, &input("x")).is_err(), "{terminal} -> {to}");
            }
        }
    }
    assert_eq!(
        transition(HostApproved, Withdrawn, Staff, &ctx, &input("  ")),
        Err(Refusal::ReasonRequired { to: Withdrawn })
    );
    assert_eq!(transition(Invited, Declined, Expert, &ctx, &input("")), Err(Refusal::ReasonRequired { to: Declined }));
    let long = "x".repeat(MAX_REASON_CHARS + 1);
    assert_eq!(
        transition(Invited, Declined, Expert, &ctx, &input(&long)),
        Err(Refusal::ReasonTooLong { max: MAX_REASON_CHARS })
    );
    assert_eq!(
        transition(Invited, Declined, Expert, &ctx, &input("busy\u{1b}[2J")),
        Err(Refusal::ReasonControl { character: '\u{1b}' })
    );
}

#[test]
fn guards_on_the_request_positions_bookings_and_days() {
    let closed = Context { request_open: false, ..open() };
    for (from, to, by) in [
        (Shortlisted, Invited, Staff),
        (Invited, Accepted, Expert),
        (Proposed, HostApproved, Host),
        (HostApproved, Selected, Staff),
    ] {
        assert_eq!(transition(from, to, by, &closed, &input("")), Err(Refusal::RequestNotOpen), "{from} -> {to}");
    }
    assert!(transition(Invited, Declined, Expert, &closed, &input("busy")).is_ok(), "saying no is always possible");
    assert!(transition(Proposed, Withdrawn, Staff, &closed, &input("request cancelled")).is_ok());

    let full = Context { free_positions: 0, ..open() };
    assert_eq!(transition(HostApproved, Selected, Staff, &full, &input("")), Err(Refusal::NoFreePosition));
    assert!(!allowed_targets(HostApproved, Staff, &full).contains(&Selected));
    let booked = Context { expert_booked: true, ..open() };
    assert_eq!(transition(HostApproved, Selected, Staff, &booked, &input("")), Err(Refusal::ExpertBooked));

    let late = Context { reply_by: Some(TODAY - Duration::days(1)), ..open() };
    assert_eq!(transition(Invited, Accepted, Expert, &late, &input("")), Err(Refusal::DeadlinePassed));
    assert!(transition(Invited, Declined, Expert, &late, &input("too late anyway")).is_ok());

    let no_day = Input { comment: String::new(), reply_by: None };
    assert_eq!(transition(Shortlisted, Invited, Staff, &open(), &no_day), Err(Refusal::ReplyByRequired));
    for day in [TODAY - Duration::days(1), TODAY + Duration::days(MAX_REPLY_DAYS + 1)] {
        let typed = Input { comment: String::new(), reply_by: Some(day) };
        assert_eq!(
            transition(Shortlisted, Invited, Staff, &open(), &typed),
            Err(Refusal::ReplyByOutOfRange { max_days: MAX_REPLY_DAYS })
        );
    }
    let step = transition(Expired, Invited, Staff, &open(), &input("second chance")).unwrap();
    assert_eq!(step.reply_by, Some(TODAY + Duration::days(7)));
    assert_eq!(step.detail(), "expired -> invited (reply by 2027-02-08): second chance");
    assert_eq!(step.action(), "candidate.invite");
}

#[test]
fn codes_round_trip() {
    for &status in Status::ALL {
        assert_eq!(Status::parse(status.code()).unwrap(), status);
    }
    assert_eq!(Status::parse("hired").unwrap_err().code(), "candidate.status_unknown");
}

proptest! {
    /// Random steps by random parties under random guards: the state only moves along the
    /// issue's pipeline, and the records chain from shortlisted to the final state.
    #[test]
    fn random_steps_stay_inside_the_pipeline(
        steps in proptest::collection::vec(
            (proptest::sample::select(Party::ALL), proptest::sample::select(Status::ALL),
             any::<bool>(), 0u32..2, any::<bool>(), any::<bool>()),
            0..60),
    ) {
        let mut state = Shortlisted;
        let mut records: Vec<Transition> = Vec::new();
        for (by, to, open_request, free, booked, commented) in steps {
            let context = Context { request_open: open_request, free_positions: free, expert_booked: booked,
                reply_by: Some(TODAY), today: TODAY };
            let typed = Input { comment: if commented { "why".into() } else { String::new() },
                reply_by: Some(TODAY + Duration::days(3)) };
            match transition(state, to, by, &context, &typed) {
                Ok(step) => {
                    prop_assert!(expected(state, to, by));
                    prop_assert!(!forward(to) || open_request);
                    prop_assert!(to != Selected || (free > 0 && !booked));
                    prop_assert!(!reason_required(to) || commented);
                    records.push(step.clone());
                    state = step.to;
                }
                Err(_) => {
                    let legal = expected(state, to, by) && (!forward(to) || open_request)
                        && (to != Selected || (free > 0 && !booked)) && (!reason_required(to) || commented);
                    prop_assert!(!legal, "{} -> {} by {} was refused", state, to, by);
                }
            }
        }
        let mut replay = Shortlisted;
        for step in &records {
            prop_assert_eq!(step.from, replay);
            replay = step.to;
        }
        prop_assert_eq!(replay, state);
    }
}
