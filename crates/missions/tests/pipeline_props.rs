//! The invariants of the pipeline under random actions by random actors on random candidates and
//! missions, against the real store: nothing reaches a state the state machines do not allow,
//! every change is in the audit log (the log replays to the current state), a refused action
//! changes nothing, positions are never over-filled, and no expert is booked on two missions
//! whose days overlap.

#[allow(dead_code)]
mod support;

use passerelle_accounts::{Actor, audit};
use passerelle_core::{CandidateId, ExpertId, MissionId, RequestId, Timestamp};
use passerelle_missions::candidates::{self, Input, Source, Status};
use passerelle_missions::lifecycle::{self, Status as MissionStatus, logistics};
use passerelle_missions::requests::By;
use passerelle_missions::{Party, evaluations, reports};
use proptest::prelude::*;
use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};
use support::{Expert, World, runtime};
use time::Duration;

#[derive(Debug, Clone, Copy)]
enum Who {
    Coordinator,
    Member,
    OtherMember,
    /// One of the case's experts.
    Expert(usize),
    System,
    /// Whoever the next step belongs to (so that random runs get deep into the lifecycle).
    Right,
}

#[derive(Debug, Clone)]
enum Action {
    Shortlist {
        request: usize,
        expert: usize,
    },
    Candidate {
        index: usize,
        to: Status,
        commented: bool,
    },
    Mission {
        index: usize,
        to: MissionStatus,
        commented: bool,
    },
    /// A step out of the current state, the `pick`th of those the lifecycle has.
    AdvanceCandidate {
        index: usize,
        pick: usize,
    },
    AdvanceMission {
        index: usize,
        pick: usize,
    },
    Checklist {
        index: usize,
    },
    Report {
        index: usize,
    },
    Evaluate {
        index: usize,
    },
    WithdrawConsent {
        index: usize,
    },
}

const EXPERTS: usize = 3;

fn who() -> impl Strategy<Value = Who> {
    prop_oneof![
        3 => Just(Who::Coordinator),
        2 => Just(Who::Member),
        1 => Just(Who::OtherMember),
        3 => (0..EXPERTS).prop_map(Who::Expert),
        1 => Just(Who::System),
        8 => Just(Who::Right),
    ]
}

fn action() -> impl Strategy<Value = Action> {
    prop_oneof![
        2 => (0..2usize, 0..EXPERTS).prop_map(|(request, expert)| Action::Shortlist { request, expert }),
        6 => (0..8usize, proptest::sample::select(Status::ALL), any::<bool>())
            .prop_map(|(index, to, commented)| Action::Candidate { index, to, commented }),
        4 => (0..4usize, proptest::sample::select(MissionStatus::ALL), any::<bool>())
            .prop_map(|(index, to, commented)| Action::Mission { index, to, commented }),
        1 => (0..4usize).prop_map(|index| Action::Checklist { index }),
        1 => (0..4usize).prop_map(|index| Action::Report { index }),
        1 => (0..4usize).prop_map(|index| Action::Evaluate { index }),
        1 => (0..8usize).prop_map(|index| Action::WithdrawConsent { index }),
        10 => (0..3usize, 0..6usize).prop_map(|(index, pick)| Action::AdvanceCandidate { index, pick }),
        12 => (0..2usize, 0..6usize).prop_map(|(index, pick)| Action::AdvanceMission { index, pick }),
    ]
}

/// The pipeline's steps as the issue states them, by party.
fn candidate_step_legal(from: Status, to: Status, by: Party) -> bool {
    use Party::*;
    use Status::*;
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

/// The lifecycle's steps as the issue states them, by party.
fn mission_step_legal(from: MissionStatus, to: MissionStatus, by: Party) -> bool {
    use MissionStatus::*;
    use Party::*;
    match (from, to) {
        (Planned, Approved) | (Approved, Preparing) | (Preparing, InProgress) | (InProgress, Completed) => by == Staff,
        (Evaluated, Closed) | (Planned | Approved | Preparing, Cancelled) => by == Staff,
        (Completed, Reported) => by == Expert,
        (Reported, Evaluated) => by == Host,
        _ => false,
    }
}

/// The steps out of a candidate's state, with whose they are.
fn candidate_next(from: Status) -> Vec<(Status, Party)> {
    Status::ALL
        .iter()
        .flat_map(|to| Party::ALL.iter().map(move |by| (*to, *by)))
        .filter(|(to, by)| candidate_step_legal(from, *to, *by))
        .collect()
}

fn mission_next(from: MissionStatus) -> Vec<(MissionStatus, Party)> {
    MissionStatus::ALL
        .iter()
        .flat_map(|to| Party::ALL.iter().map(move |by| (*to, *by)))
        .filter(|(to, by)| mission_step_legal(from, *to, *by))
        .collect()
}

struct Case<'a> {
    w: &'a World,
    experts: Vec<Expert>,
    requests: Vec<(RequestId, u32)>,
    candidates: Vec<CandidateId>,
}

impl Case<'_> {
    fn actor(&self, who: Who) -> Option<&Actor> {
        match who {
            Who::Coordinator => Some(&self.w.coordinator),
            Who::Member => Some(&self.w.member),
            Who::OtherMember => Some(&self.w.other_member),
            Who::Expert(i) => Some(&self.experts[i].actor),
            Who::System | Who::Right => None,
        }
    }

    /// The actor who is `party` to something of `expert`.
    fn acting_as(&self, party: Party, expert: Option<ExpertId>) -> Who {
        match party {
            Party::Staff => Who::Coordinator,
            Party::Host => Who::Member,
            Party::System => Who::System,
            Party::Expert => match self.experts.iter().position(|e| Some(e.id) == expert) {
                Some(i) => Who::Expert(i),
                None => Who::System,
            },
        }
    }

    fn by(&self, who: Who) -> By<'_> {
        self.actor(who).map_or(By::System("pipeline test"), By::Person)
    }

    async fn missions(&self) -> Vec<MissionId> {
        let mut ids = Vec::new();
        for (request, _) in &self.requests {
            let query = lifecycle::Query { request: Some(*request), ..Default::default() };
            let (found, _) = lifecycle::search(&self.w.db, &query).await.unwrap();
            ids.extend(found.into_iter().map(|m| m.id));
        }
        ids.sort();
        ids
    }

    /// The statuses of every candidate and mission, and how many audit entries each has.
    async fn snapshot(&self) -> (Vec<(Status, usize)>, Vec<(MissionId, MissionStatus, usize)>) {
        let mut candidates_now = Vec::new();
        for id in &self.candidates {
            let candidate = candidates::get(&self.w.db, *id).await.unwrap().unwrap();
            let entries = audit::history(&self.w.db, "candidate", &id.to_string()).await.unwrap().len();
            candidates_now.push((candidate.status, entries));
        }
        let mut missions_now = Vec::new();
        for id in self.missions().await {
            let mission = lifecycle::get(&self.w.db, id).await.unwrap().unwrap();
            let entries = audit::history(&self.w.db, "mission", &id.to_string()).await.unwrap().len();
            missions_now.push((id, mission.status, entries));
        }
        (candidates_now, missions_now)
    }

    /// Checks every invariant; returns a description of the first broken one.
    async fn invariants(&self) -> Result<(), String> {
        // Positions never over-filled.
        for (request, positions) in &self.requests {
            let query = lifecycle::Query { request: Some(*request), ..Default::default() };
            let (missions, _) = lifecycle::search(&self.w.db, &query).await.unwrap();
            let live = missions.iter().filter(|m| m.status != MissionStatus::Cancelled).count();
            if live > *positions as usize {
                return Err(format!("request {request}: {live} live missions for {positions} positions"));
            }
        }
        // No expert booked twice over the same days.
        let ids: Vec<ExpertId> = self.experts.iter().map(|e| e.id).collect();
        for (expert, booked) in lifecycle::booking::of_experts(&self.w.db, &ids).await.unwrap() {
            for (i, a) in booked.periods.iter().enumerate() {
                for b in &booked.periods[i + 1..] {
                    if a.overlaps(b) {
                        return Err(format!("expert {expert} booked twice: {a} and {b}"));
                    }
                }
            }
        }
        // The audit log replays to every current state.
        for id in &self.candidates {
            let status = candidates::get(&self.w.db, *id).await.unwrap().unwrap().status;
            let replayed = replay(&self.w.db, "candidate", &id.to_string(), "candidate.").await;
            if replayed.last().map(String::as_str) != Some(status.code()) {
                return Err(format!("candidate {id} is {status} but its log says {replayed:?}"));
            }
        }
        for id in self.missions().await {
            let status = lifecycle::get(&self.w.db, id).await.unwrap().unwrap().status;
            let replayed = replay(&self.w.db, "mission", &id.to_string(), "mission.").await;
            if replayed.last().map(String::as_str) != Some(status.code()) {
                return Err(format!("mission {id} is {status} but its log says {replayed:?}"));
            }
        }
        Ok(())
    }
}

/// The states a thing went through according to its audit entries (`from -> to…`), checking
/// that each step starts where the previous one ended.
async fn replay(db: &passerelle_db::Db, kind: &str, id: &str, prefix: &str) -> Vec<String> {
    let mut states: Vec<String> = Vec::new();
    for entry in audit::history(db, kind, id).await.unwrap() {
        if !entry.action.starts_with(prefix) {
            continue;
        }
        let Some((from, rest)) = entry.detail.split_once("-> ") else { continue };
        let to: String = rest.chars().take_while(|c| c.is_ascii_lowercase() || *c == '_').collect();
        let from = from.trim();
        if !from.is_empty() && states.last().map(String::as_str) != Some(from) {
            return vec![format!("broken chain at {} ({from} after {:?})", entry.action, states.last())];
        }
        states.push(to);
    }
    states
}

#[test]
fn random_actions_never_break_the_pipelines_invariants() {
    let rt = runtime();
    let w = rt.block_on(World::build());
    // A fixed seed: the same runs every time, so that the check below that they went deep is
    // not left to chance (and a failure replays as it happened).
    let config = Config { cases: 48, failure_persistence: None, ..Config::default() };
    let mut runner = TestRunner::new_with_rng(config, TestRng::deterministic_rng(RngAlgorithm::ChaCha));
    let strategy = proptest::collection::vec((who(), action()), 1..120);
    // What the runs reached, to be sure they went deep enough to test something.
    let reached = std::cell::RefCell::new(std::collections::BTreeSet::new());
    let result = runner.run(&strategy, |steps| {
        rt.block_on(async {
            let mut experts = Vec::new();
            for _ in 0..EXPERTS {
                experts.push(w.expert().await);
            }
            // Two requests over overlapping days: one position, then two.
            let requests = vec![(w.request(1, 0, 10, "on_site").await, 1), (w.request(2, 5, 10, "hybrid").await, 2)];
            // Each request starts with one expert on its shortlist; more come by random actions.
            let mut shortlisted = Vec::new();
            for (n, (request, _)) in requests.iter().enumerate() {
                let id = candidates::shortlist(&w.db, &w.coordinator, *request, experts[n].id, Source::Match, "").await;
                shortlisted.push(id.unwrap());
            }
            let mut case = Case { w: &w, experts, requests, candidates: shortlisted };
            for (who, action) in steps {
                let (who, action) = concrete(&case, who, action).await;
                let before = case.snapshot().await;
                let changed = run(&case, who, &action).await;
                if let Some(Ok(Some(id))) = changed.as_ref().map(|r| r.as_ref().map(|c| *c)) {
                    case.candidates.push(id);
                }
                let after = case.snapshot().await;
                reached.borrow_mut().extend(after.0.iter().map(|(s, _)| s.code()));
                reached.borrow_mut().extend(after.1.iter().map(|(_, s, _)| s.code()));
                match &changed {
                    None => prop_assert_eq!(&before, &after, "a refused {:?} by {:?} changed something", action, who),
                    Some(Err(message)) => prop_assert!(false, "{:?} by {:?}: {}", action, who, message),
                    Some(Ok(_)) => {}
                }
                if let Err(broken) = case.invariants().await {
                    prop_assert!(false, "after {:?} by {:?}: {}", action, who, broken);
                }
            }
            Ok(())
        })
    });
    if let Err(error) = result {
        panic!("{error}");
    }
    let reached = reached.into_inner();
    for deep in [
        "selected",
        "declined",
        "withdrawn",
        "in_progress",
        "completed",
        "reported",
        "evaluated",
        "closed",
        "cancelled",
    ] {
        assert!(reached.contains(deep), "no run reached {deep}: {reached:?}");
    }
}

/// The first step out of a state (in the order of the statuses, the step forward) two times
/// in three, else any.
fn forward_mostly(pick: usize, steps: usize) -> usize {
    if pick < 4 { 0 } else { pick % steps.max(1) }
}

/// Turns an advance into a step out of the current state by the party it belongs to (random
/// people are tried by the other actions), and `Right` into the coordinator.
async fn concrete(case: &Case<'_>, who: Who, action: Action) -> (Who, Action) {
    let w = case.w;
    match action {
        Action::AdvanceCandidate { index, pick } => {
            let Some(id) = case.candidates.get(index % case.candidates.len().max(1)) else { return (who, action) };
            let candidate = candidates::get(&w.db, *id).await.unwrap().unwrap();
            let next = candidate_next(candidate.status);
            let Some((to, party)) = next.get(forward_mostly(pick, next.len())).copied() else { return (who, action) };
            let who = case.acting_as(party, Some(candidate.expert));
            (who, Action::Candidate { index, to, commented: true })
        }
        Action::AdvanceMission { index, pick } => {
            let missions = case.missions().await;
            let Some(id) = missions.get(index % missions.len().max(1)) else { return (who, action) };
            let mission = lifecycle::get(&w.db, *id).await.unwrap().unwrap();
            let next = mission_next(mission.status);
            let Some((to, party)) = next.get(forward_mostly(pick, next.len())).copied() else { return (who, action) };
            let who = case.acting_as(party, mission.expert);
            let action = match to {
                MissionStatus::Reported => Action::Report { index },
                MissionStatus::Evaluated => Action::Evaluate { index },
                MissionStatus::InProgress if pick % 2 == 0 => Action::Checklist { index },
                _ => Action::Mission { index, to, commented: true },
            };
            (who, action)
        }
        other => {
            let who = if matches!(who, Who::Right) { Who::Coordinator } else { who };
            (who, other)
        }
    }
}

/// Runs one action. `None`: refused. `Some(Ok(new candidate))`: done (and allowed by the
/// issue's rules). `Some(Err(why))`: done although the rules forbid it.
async fn run(case: &Case<'_>, who: Who, action: &Action) -> Option<Result<Option<CandidateId>, String>> {
    let w = case.w;
    let by = case.by(who);
    let now = Timestamp::now();
    match action {
        Action::Shortlist { request, expert } => {
            let actor = case.actor(who)?;
            let (request, _) = case.requests[*request];
            let id =
                candidates::shortlist(&w.db, actor, request, case.experts[*expert].id, Source::Match, "").await.ok()?;
            Some(if actor.is_staff() { Ok(Some(id)) } else { Err("shortlisted by someone not staff".into()) })
        }
        Action::Candidate { index, to, commented } => {
            let id = *case.candidates.get(*index % case.candidates.len().max(1))?;
            let before = candidates::get(&w.db, id).await.unwrap()?;
            let party = match case.actor(who) {
                Some(actor) => candidates::party_for(actor, &before, now),
                None => Some(Party::System),
            };
            let input = Input {
                comment: if *commented { "a reason".into() } else { String::new() },
                reply_by: Some(now.date() + Duration::days(3)),
            };
            let outcome = candidates::transition(&w.db, by, id, *to, &input, "").await.ok()?;
            let legal = party.is_some_and(|p| candidate_step_legal(before.status, *to, p));
            Some(if legal && outcome.step.from == before.status {
                Ok(None)
            } else {
                Err(format!("{} -> {to} by {party:?}", before.status))
            })
        }
        Action::Mission { index, to, commented } => {
            let missions = case.missions().await;
            let id = *missions.get(*index % missions.len().max(1))?;
            let before = lifecycle::get(&w.db, id).await.unwrap()?;
            let party = match case.actor(who) {
                Some(actor) => lifecycle::party_for(actor, &before),
                None => Some(Party::System),
            };
            let input = lifecycle::Input {
                comment: if *commented { "a reason".into() } else { String::new() },
                date: None,
                override_proof: false,
            };
            lifecycle::transition(&w.db, by, id, *to, &input, "").await.ok()?;
            let legal = party.is_some_and(|p| mission_step_legal(before.status, *to, p));
            Some(if legal { Ok(None) } else { Err(format!("{} -> {to} by {party:?}", before.status)) })
        }
        Action::Checklist { index } => {
            let actor = case.actor(who)?;
            let missions = case.missions().await;
            let id = *missions.get(*index % missions.len().max(1))?;
            for item in logistics::Item::ALL {
                // Items that need a proof are left not applicable: documents have their own tests.
                let state = if item.needs_proof() { "not_applicable" } else { "done" };
                let entry = logistics::entry(*item, state, "", "", now.date()).ok()?;
                lifecycle::set_checklist_item(&w.db, actor, id, &entry, "").await.ok()?;
            }
            // A checklist changes no state: the snapshot compares states and audit counts, so
            // report it as a change only if allowed.
            Some(if actor.is_staff() { Ok(None) } else { Err("checklist set by someone not staff".into()) })
        }
        Action::Report { index } => {
            let actor = case.actor(who)?;
            let missions = case.missions().await;
            let id = *missions.get(*index % missions.len().max(1))?;
            let before = lifecycle::get(&w.db, id).await.unwrap()?;
            let typed = reports::ReportInput { activities: "Sessions.".into(), ..Default::default() };
            reports::submit(&w.db, actor, id, &typed.validate().ok()?, "").await.ok()?;
            let own = lifecycle::party_for(actor, &before) == Some(Party::Expert);
            Some(if own && before.status == MissionStatus::Completed {
                Ok(None)
            } else {
                Err("report accepted".into())
            })
        }
        Action::Evaluate { index } => {
            let actor = case.actor(who)?;
            let missions = case.missions().await;
            let id = *missions.get(*index % missions.len().max(1))?;
            let before = lifecycle::get(&w.db, id).await.unwrap()?;
            let typed = evaluations::EvaluationInput {
                ratings: evaluations::Criterion::ALL.iter().map(|c| (c.code().into(), "4".into())).collect(),
                comments: String::new(),
            };
            evaluations::submit(&w.db, actor, id, &typed.validate().ok()?, "").await.ok()?;
            let host = lifecycle::party_for(actor, &before) == Some(Party::Host);
            Some(if host && before.status == MissionStatus::Reported {
                Ok(None)
            } else {
                Err("evaluation accepted".into())
            })
        }
        Action::AdvanceCandidate { .. } | Action::AdvanceMission { .. } => None,
        Action::WithdrawConsent { index } => {
            let actor = case.actor(who)?;
            let id = *case.candidates.get(*index % case.candidates.len().max(1))?;
            let before = candidates::get(&w.db, id).await.unwrap()?;
            candidates::withdraw_consent(&w.db, actor, id, "").await.ok()?;
            let own = candidates::party_for(actor, &before, now) == Some(Party::Expert);
            Some(if own { Ok(None) } else { Err("consent withdrawn by someone else".into()) })
        }
    }
}
