//! What a mission needs before the expert leaves (the logistics checklist), and how its days
//! split between on-site and remote phases. Pure functions over the types.

use crate::codes::{code_enum, field_problem};
use crate::requests::ModeKind;
use passerelle_core::{DateRange, DocumentId, FieldError, parse_date};
use serde::Serialize;
use time::{Date, Duration};

code_enum! {
    /// An item of the logistics checklist.
    pub enum Item ("a checklist item", "checklist.item_unknown") {
        Visa => "visa",
        Travel => "travel",
        Insurance => "insurance",
        PerDiem => "per_diem",
        Accommodation => "accommodation",
        SecurityBriefing => "security_briefing",
        FocalPoint => "focal_point",
    }
}

code_enum! {
    /// Where an item stands.
    pub enum ItemState ("a checklist state", "checklist.state_unknown") {
        Todo => "todo",
        Done => "done",
        NotApplicable => "not_applicable",
    }
}

impl Item {
    /// Items that concern travel, not applicable to a remote mission by default.
    pub fn is_travel(self) -> bool {
        matches!(self, Item::Visa | Item::Travel | Item::PerDiem | Item::Accommodation | Item::SecurityBriefing)
    }

    /// Items whose "done" needs its proof attached: the visa, the ticket, the insurance.
    pub fn needs_proof(self) -> bool {
        matches!(self, Item::Visa | Item::Travel | Item::Insurance)
    }
}

/// One line of the checklist.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Entry {
    pub item: Item,
    pub state: ItemState,
    /// When it was done (a visa obtained, a ticket booked).
    pub on_date: Option<Date>,
    pub note: String,
    /// The uploaded document that proves it (a visa, a ticket, an insurance certificate).
    pub document: Option<DocumentId>,
}

impl Entry {
    /// The entry pointing at the document typed (its id; nothing when empty). Whether it is a
    /// document of the mission is checked when the entry is written.
    pub fn proved_by(mut self, document: &str) -> Result<Entry, FieldError> {
        self.document = match document.trim() {
            "" => None,
            text => Some(DocumentId::parse(text).map_err(|e| field_problem("checklist", "document", &e))?),
        };
        Ok(self)
    }
}

/// The longest note of an item.
pub const MAX_NOTE_CHARS: usize = 500;

/// The checklist of a new mission: everything to do, except travel for a remote mission.
pub fn initial_checklist(mode: ModeKind) -> Vec<Entry> {
    Item::ALL
        .iter()
        .map(|&item| Entry {
            item,
            state: if mode == ModeKind::Remote && item.is_travel() {
                ItemState::NotApplicable
            } else {
                ItemState::Todo
            },
            on_date: None,
            note: String::new(),
            document: None,
        })
        .collect()
}

/// The first item done without the proof it needs, if any: a mission does not start while one
/// is missing, unless a coordinator overrides it with a reason.
pub fn proof_missing(entries: &[Entry]) -> Option<Item> {
    entries.iter().find(|e| e.item.needs_proof() && e.state == ItemState::Done && e.document.is_none()).map(|e| e.item)
}

/// Whether the expert may start: every item done or not applicable.
pub fn complete(entries: &[Entry]) -> bool {
    Item::ALL.iter().all(|item| {
        entries.iter().any(|e| e.item == *item && matches!(e.state, ItemState::Done | ItemState::NotApplicable))
    })
}

/// Checks a change of one item, as typed. A done item without a day is done today.
pub fn entry(item: Item, state: &str, on_date: &str, note: &str, today: Date) -> Result<Entry, Vec<FieldError>> {
    let mut problems = Vec::new();
    let state = ItemState::parse(state).map_err(|e| problems.push(field_problem("checklist", "state", &e))).ok();
    let on_date = match on_date.trim() {
        "" => None,
        text => parse_date(text).map_err(|e| problems.push(field_problem("checklist", "on_date", &e))).ok(),
    };
    let note = note.trim();
    if note.chars().count() > MAX_NOTE_CHARS {
        problems.push(FieldError::too_long("note", MAX_NOTE_CHARS));
    } else if let Err(error) = passerelle_core::check_text("note", note, passerelle_core::Lines::Many) {
        problems.push(error);
    }
    match state {
        Some(state) if problems.is_empty() => {
            let on_date = match state {
                ItemState::Done => on_date.or(Some(today)),
                _ => on_date,
            };
            Ok(Entry { item, state, on_date, note: note.to_owned(), document: None })
        }
        _ => Err(problems),
    }
}

code_enum! {
    /// Where the expert works during a phase.
    pub enum PhaseKind ("a phase kind", "phase.kind_unknown") {
        OnSite => "on_site",
        Remote => "remote",
    }
}

/// A part of a mission, on site or remote.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Phase {
    pub kind: PhaseKind,
    pub days: DateRange,
}

/// The phases of a new mission over `days`: one phase of its mode, or for a hybrid mission
/// `days_on_site` on site first, then the rest remote.
pub fn initial_phases(mode: ModeKind, days_on_site: Option<u32>, days: DateRange) -> Vec<Phase> {
    match mode {
        ModeKind::OnSite => vec![Phase { kind: PhaseKind::OnSite, days }],
        ModeKind::Remote => vec![Phase { kind: PhaseKind::Remote, days }],
        ModeKind::Hybrid => {
            let on_site = i64::from(days_on_site.unwrap_or(1).max(1));
            if on_site >= days.days() {
                return vec![Phase { kind: PhaseKind::OnSite, days }];
            }
            let split = days.start() + Duration::days(on_site);
            let first = DateRange::new(days.start(), split - Duration::days(1)).unwrap_or(days);
            let rest = DateRange::new(split, days.end()).unwrap_or(days);
            vec![Phase { kind: PhaseKind::OnSite, days: first }, Phase { kind: PhaseKind::Remote, days: rest }]
        }
    }
}

/// The most phases a mission holds.
pub const MAX_PHASES: usize = 12;

/// A phase as typed: its kind and first and last days.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PhaseInput {
    pub kind: String,
    pub starts_on: String,
    pub ends_on: String,
}

/// Checks a schedule: the mission's days and its phases, which must lie within them without
/// overlapping; a hybrid mission has at least one phase of each kind. Rows left empty are
/// ignored. Problems are named at `phases[i].field`.
pub fn schedule(
    mode: ModeKind,
    starts_on: &str,
    ends_on: &str,
    rows: &[PhaseInput],
) -> Result<(DateRange, Vec<Phase>), Vec<FieldError>> {
    let mut problems = Vec::new();
    let start = parse_date(starts_on).map_err(|e| problems.push(field_problem("mission", "starts_on", &e))).ok();
    let end = parse_date(ends_on).map_err(|e| problems.push(field_problem("mission", "ends_on", &e))).ok();
    let days = match (start, end) {
        (Some(start), Some(end)) => {
            DateRange::new(start, end).map_err(|e| problems.push(field_problem("mission", "ends_on", &e))).ok()
        }
        _ => None,
    };
    let mut phases = Vec::new();
    for (i, row) in rows.iter().enumerate() {
        if row.kind.trim().is_empty() && row.starts_on.trim().is_empty() && row.ends_on.trim().is_empty() {
            continue;
        }
        let at = |field: &str| format!("phases[{i}].{field}");
        let kind =
            PhaseKind::parse(&row.kind).map_err(|e| problems.push(field_problem("mission", at("kind"), &e))).ok();
        let first =
            parse_date(&row.starts_on).map_err(|e| problems.push(field_problem("mission", at("starts_on"), &e))).ok();
        let last =
            parse_date(&row.ends_on).map_err(|e| problems.push(field_problem("mission", at("ends_on"), &e))).ok();
        let (Some(kind), Some(first), Some(last)) = (kind, first, last) else { continue };
        let Ok(range) = DateRange::new(first, last) else {
            problems.push(FieldError::new(
                at("ends_on"),
                "mission.phase_end_before_start",
                "the phase ends before it starts",
            ));
            continue;
        };
        if days.is_some_and(|d| !d.contains(&range)) {
            problems.push(FieldError::new(
                at("starts_on"),
                "mission.phase_outside",
                "the phase must lie within the mission's days",
            ));
            continue;
        }
        if let Some(other) = phases.iter().position(|p: &Phase| p.days.overlaps(&range)) {
            problems.push(FieldError::new(
                at("starts_on"),
                "mission.phase_overlap",
                format!("the phase overlaps phase {}", other + 1),
            ));
            continue;
        }
        phases.push(Phase { kind, days: range });
    }
    if phases.len() > MAX_PHASES {
        problems.push(FieldError::new("phases", "mission.too_many_phases", format!("at most {MAX_PHASES} phases")));
    }
    if problems.is_empty() && phases.is_empty() {
        problems.push(FieldError::new("phases", "mission.phases_required", "give at least one phase"));
    }
    let has = |kind| phases.iter().any(|p| p.kind == kind);
    if problems.is_empty() && mode == ModeKind::Hybrid && !(has(PhaseKind::OnSite) && has(PhaseKind::Remote)) {
        problems.push(FieldError::new(
            "phases",
            "mission.hybrid_needs_both",
            "a hybrid mission has at least one on-site and one remote phase",
        ));
    }
    match days {
        Some(days) if problems.is_empty() => {
            phases.sort_by_key(|p| p.days.start());
            Ok((days, phases))
        }
        _ => Err(problems),
    }
}

/// Expert-days (on site, remote) of a mission within `window`: the days it actually ran
/// (`ran`), counted by the phase they fall in; days outside every phase count as the mission's
/// mode (remote for a hybrid mission).
pub fn expert_days(mode: ModeKind, phases: &[Phase], ran: DateRange, window: DateRange) -> (i64, i64) {
    let Some(counted) = ran.intersection(&window) else { return (0, 0) };
    let mut on_site = 0;
    let mut remote = 0;
    for phase in phases {
        if let Some(part) = phase.days.intersection(&counted) {
            match phase.kind {
                PhaseKind::OnSite => on_site += part.days(),
                PhaseKind::Remote => remote += part.days(),
            }
        }
    }
    let outside = counted.days() - on_site - remote;
    if outside > 0 {
        if mode == ModeKind::OnSite {
            on_site += outside;
        } else {
            remote += outside;
        }
    }
    (on_site, remote)
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    fn range(a: Date, b: Date) -> DateRange {
        DateRange::new(a, b).unwrap()
    }

    #[test]
    fn a_checklist_is_complete_when_nothing_is_left_to_do() {
        let mut list = initial_checklist(ModeKind::OnSite);
        assert_eq!(list.len(), Item::ALL.len());
        assert!(!complete(&list));
        for e in &mut list {
            e.state = if e.item == Item::Visa { ItemState::NotApplicable } else { ItemState::Done };
        }
        assert!(complete(&list));
        list.pop();
        assert!(!complete(&list), "a missing item is not done");
        let remote = initial_checklist(ModeKind::Remote);
        let todo: Vec<Item> = remote.iter().filter(|e| e.state == ItemState::Todo).map(|e| e.item).collect();
        assert_eq!(todo, [Item::Insurance, Item::FocalPoint]);
    }

    #[test]
    fn the_visa_ticket_and_insurance_need_their_proof_when_done() {
        let mut list = initial_checklist(ModeKind::OnSite);
        assert_eq!(proof_missing(&list), None, "nothing done, nothing to prove yet");
        for e in &mut list {
            e.state = ItemState::Done;
        }
        assert_eq!(proof_missing(&list), Some(Item::Visa));
        list[0].document = Some(DocumentId::new());
        assert_eq!(proof_missing(&list), Some(Item::Travel));
        for e in &mut list {
            if e.item.needs_proof() {
                e.document = Some(DocumentId::new());
            }
        }
        assert_eq!(proof_missing(&list), None);
        list[1].state = ItemState::NotApplicable;
        list[1].document = None;
        assert_eq!(proof_missing(&list), None, "an item not applicable needs no proof");
    }

    #[test]
    fn items_are_checked_as_typed() {
        let today = date!(2027 - 02 - 01);
        let done = entry(Item::Visa, "done", "", " obtained ", today).unwrap();
        assert_eq!((done.on_date, done.note.as_str()), (Some(today), "obtained"));
        let errors = entry(Item::Visa, "finished", "yesterday", &"x".repeat(501), today).unwrap_err();
        let fields: Vec<_> = errors.iter().map(|e| (e.field.as_str(), e.code.as_str())).collect();
        assert_eq!(
            fields,
            [("state", "checklist.state_unknown"), ("on_date", "checklist.date_format"), ("note", "too_long")]
        );
    }

    #[test]
    fn hybrid_missions_start_on_site_then_continue_remote() {
        let days = range(date!(2027 - 03 - 01), date!(2027 - 03 - 20));
        let phases = initial_phases(ModeKind::Hybrid, Some(5), days);
        assert_eq!(phases.len(), 2);
        assert_eq!(phases[0].days, range(date!(2027 - 03 - 01), date!(2027 - 03 - 05)));
        assert_eq!(phases[1].days, range(date!(2027 - 03 - 06), date!(2027 - 03 - 20)));
        assert_eq!(initial_phases(ModeKind::Hybrid, Some(40), days).len(), 1);
        assert_eq!(expert_days(ModeKind::Hybrid, &phases, days, days), (5, 15));
        let first_week = range(date!(2027 - 03 - 01), date!(2027 - 03 - 07));
        assert_eq!(expert_days(ModeKind::Hybrid, &phases, days, first_week), (5, 2));
        let ended_early = range(date!(2027 - 03 - 01), date!(2027 - 03 - 03));
        assert_eq!(expert_days(ModeKind::Hybrid, &phases, ended_early, days), (3, 0));
        let extended = range(date!(2027 - 03 - 01), date!(2027 - 03 - 25));
        assert_eq!(expert_days(ModeKind::Hybrid, &phases, extended, extended), (5, 20), "extra days count as remote");
        assert_eq!(expert_days(ModeKind::OnSite, &[], days, days), (20, 0));
        let outside = range(date!(2026 - 01 - 01), date!(2026 - 01 - 31));
        assert_eq!(expert_days(ModeKind::OnSite, &[], days, outside), (0, 0));
    }

    #[test]
    fn schedules_are_checked() {
        let row =
            |kind: &str, a: &str, b: &str| PhaseInput { kind: kind.into(), starts_on: a.into(), ends_on: b.into() };
        let (days, phases) = schedule(
            ModeKind::Hybrid,
            "2027-03-01",
            "2027-03-20",
            &[row("remote", "2027-03-11", "2027-03-20"), row("", "", ""), row("on_site", "2027-03-01", "2027-03-10")],
        )
        .unwrap();
        assert_eq!(days.days(), 20);
        assert_eq!(phases[0].kind, PhaseKind::OnSite, "sorted by start");

        let errors = schedule(
            ModeKind::Hybrid,
            "2027-03-01",
            "2027-03-20",
            &[
                row("on_site", "2027-03-01", "2027-03-10"),
                row("remote", "2027-03-05", "2027-03-12"),
                row("remote", "2027-03-15", "2027-03-25"),
                row("orbit", "2027-03-15", "2027-03-16"),
            ],
        )
        .unwrap_err();
        let codes: Vec<_> = errors.iter().map(|e| (e.field.as_str(), e.code.as_str())).collect();
        assert_eq!(
            codes,
            [
                ("phases[1].starts_on", "mission.phase_overlap"),
                ("phases[2].starts_on", "mission.phase_outside"),
                ("phases[3].kind", "mission.phase_kind_unknown"),
            ]
        );
        let one_kind =
            schedule(ModeKind::Hybrid, "2027-03-01", "2027-03-20", &[row("on_site", "2027-03-01", "2027-03-20")]);
        assert_eq!(one_kind.unwrap_err()[0].code, "mission.hybrid_needs_both");
        let backwards = schedule(ModeKind::OnSite, "2027-03-20", "2027-03-01", &[]).unwrap_err();
        assert_eq!(backwards[0].field, "ends_on");
        let none = schedule(ModeKind::OnSite, "2027-03-01", "2027-03-20", &[]).unwrap_err();
        assert_eq!(none[0].code, "mission.phases_required");
    }
}
