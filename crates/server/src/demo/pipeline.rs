//! The mission pipeline's demonstration: candidates in every state of the pipeline on the
//! approved requests, missions in every state of their lifecycle on the staffed and closed ones
//! (with checklists, phases, an extension, a cancellation, reports and evaluations), a saved
//! search and a call for experts with answers. Everything goes through the domain's functions,
//! so histories, notifications and reminders are real.
//!
//! What each demonstration account finds: the expert (Aline Uwase) a pending invitation and a
//! completed mission whose report is due; the member of IPRC Kigali a candidate to approve and a
//! mission to evaluate; the coordinator candidates waiting, missions to run, a dashboard.

use super::institutions::Seeded;
use super::needs::Path;
use super::requests::Walked;
use passerelle_accounts::users::{self, NewUser};
use passerelle_accounts::{Actor, Role};
use passerelle_core::{CandidateId, Email, ExpertId, Locale, MissionId, Timestamp};
use passerelle_db::Db;
use passerelle_missions::calls::{self, Answer, CallInput, SearchParams};
use passerelle_missions::candidates::{self, Input, Source, Status};
use passerelle_missions::lifecycle::{self, Status as MissionStatus, logistics};
use passerelle_missions::requests::{self, By};
use passerelle_missions::{evaluations, reports};
use passerelle_profiles::consent::Source as ConsentSource;
use passerelle_profiles::resolve::SkillResolver;
use passerelle_profiles::service::{self, Target};
use passerelle_profiles::synthetic::Generator;
use std::collections::HashMap;
use time::{Date, Duration};

/// Why the demonstration's missions start without documents attached to their checklist.
const PAPER_PROOF: &str = "Visa, ticket and insurance seen on paper by the coordinator.";

/// Experts with an account (whose password nobody is told) the walk selects.
const ACCOUNTS: u64 = 30;

pub struct Expert {
    pub actor: Actor,
    pub id: ExpertId,
}

/// Makes the experts with accounts the walk needs, from the synthetic generator.
async fn experts(db: &Db, hash: &str) -> anyhow::Result<Vec<Expert>> {
    let resolver = SkillResolver::load(db).await?;
    let generator = Generator::new(super::experts::SEED).starting(Timestamp::now().date());
    let mut made = Vec::new();
    for n in 0..ACCOUNTS {
        let mut input = generator.expert(20_000 + n);
        let email = format!("demo.expert.{:02}@experts.passerelle.example", n + 1);
        let mut tx = db.begin().await?;
        let user = users::insert(
            &mut tx,
            &NewUser {
                email: Email::parse(&email)?,
                name: input.name.clone(),
                role: Role::Expert,
                password_hash: hash.to_owned(),
                locale: if n % 2 == 0 { Locale::Fr } else { Locale::En },
                institution: None,
                email_verified: true,
            },
        )
        .await?;
        tx.commit().await?;
        let id = service::profile_of_account(db, user.id, &user.name).await?;
        input.external_id = None;
        input.email = Some(email);
        let checked = service::check(&input, &resolver).map_err(|e| anyhow::anyhow!("demo expert {n}: {e:?}"))?;
        let mut tx = db.begin().await?;
        service::write(&mut tx, &checked, Target::Existing(id), Some(user.id), ConsentSource::Web)
            .await
            .map_err(|e| anyhow::anyhow!("demo expert {n}: {e}"))?;
        tx.commit().await?;
        made.push(Expert { actor: user.actor(), id });
    }
    Ok(made)
}

/// What the walk needs at hand.
struct Walk<'a> {
    db: &'a Db,
    coordinator: &'a Actor,
    members: &'a HashMap<&'static str, Seeded>,
    pool: Vec<Expert>,
    next: usize,
    today: Date,
}

/// Where a candidate stops.
#[derive(Clone, Copy, PartialEq)]
enum Stop {
    Shortlisted,
    Invited,
    Accepted,
    Declined(&'static str),
    Expired,
    Proposed,
    HostApproved,
    HostDeclined(&'static str),
    Withdrawn(&'static str),
    Selected,
}

/// Where a mission stops.
#[derive(Clone, Copy, PartialEq)]
enum Reach {
    Planned,
    Approved,
    /// Preparing, with so many checklist items done.
    Preparing(usize),
    InProgress,
    /// In progress, with an extension asked for (and approved if `true`).
    Extended(bool),
    Completed,
    CompletedEarly(&'static str),
    Reported,
    Evaluated,
    Closed,
    Cancelled(&'static str),
}

impl Walk<'_> {
    fn take(&mut self) -> anyhow::Result<(Actor, ExpertId)> {
        let expert = self.pool.get(self.next).ok_or_else(|| anyhow::anyhow!("the demo ran out of experts"))?;
        self.next += 1;
        Ok((expert.actor.clone(), expert.id))
    }

    fn host(&self, walked: &Walked) -> anyhow::Result<&Actor> {
        self.members
            .get(walked.need.institution.as_str())
            .map(|s| &s.actor)
            .ok_or_else(|| anyhow::anyhow!("no demo member for {}", walked.need.institution))
    }

    async fn step(
        &self,
        by: By<'_>,
        id: CandidateId,
        to: Status,
        comment: &str,
    ) -> anyhow::Result<candidates::Outcome> {
        let input = Input { comment: comment.into(), reply_by: Some(self.today + Duration::days(6)) };
        candidates::transition(self.db, by, id, to, &input, "")
            .await
            .map_err(|e| anyhow::anyhow!("demo candidate -> {to}: {e}"))
    }

    /// Walks one expert of a request's pipeline to `stop`; returns the mission of a selection.
    async fn candidate(
        &self,
        walked: &Walked,
        expert: (&Actor, ExpertId),
        stop: Stop,
    ) -> anyhow::Result<Option<MissionId>> {
        let (actor, id) = expert;
        let staff = By::Person(self.coordinator);
        let host = By::Person(self.host(walked)?);
        let me = By::Person(actor);
        let candidate = candidates::shortlist(self.db, self.coordinator, walked.id, id, Source::Match, "")
            .await
            .map_err(|e| anyhow::anyhow!("demo shortlist: {e}"))?;
        if stop == Stop::Shortlisted {
            return Ok(None);
        }
        if let Stop::Withdrawn(reason) = stop {
            self.step(staff, candidate, Status::Withdrawn, reason).await?;
            return Ok(None);
        }
        self.step(staff, candidate, Status::Invited, "").await?;
        match stop {
            Stop::Invited => return Ok(None),
            Stop::Declined(reason) => {
                self.step(me, candidate, Status::Declined, reason).await?;
                return Ok(None);
            }
            Stop::Expired => {
                self.step(By::System(candidates::store::SYSTEM), candidate, Status::Expired, "").await?;
                return Ok(None);
            }
            _ => {}
        }
        self.step(me, candidate, Status::Accepted, "").await?;
        if stop == Stop::Accepted {
            return Ok(None);
        }
        self.step(staff, candidate, Status::Proposed, "").await?;
        match stop {
            Stop::Proposed => return Ok(None),
            Stop::HostDeclined(reason) => {
                self.step(host, candidate, Status::HostDeclined, reason).await?;
                return Ok(None);
            }
            _ => {}
        }
        self.step(host, candidate, Status::HostApproved, "").await?;
        if stop == Stop::HostApproved {
            return Ok(None);
        }
        Ok(self.step(staff, candidate, Status::Selected, "").await?.mission)
    }

    async fn move_mission(
        &self,
        by: By<'_>,
        id: MissionId,
        to: MissionStatus,
        date: Option<Date>,
        comment: &str,
    ) -> anyhow::Result<()> {
        // The demonstration's missions started before documents were kept here: their visas,
        // tickets and insurance were seen on paper, which the start records (an override).
        let override_proof = to == MissionStatus::InProgress;
        let comment = if override_proof && comment.is_empty() { PAPER_PROOF } else { comment };
        let input = lifecycle::Input { comment: comment.into(), date, override_proof };
        lifecycle::transition(self.db, by, id, to, &input, "")
            .await
            .map_err(|e| anyhow::anyhow!("demo mission -> {to}: {e}"))?;
        Ok(())
    }

    async fn checklist(&self, id: MissionId, done: usize, before: Date) -> anyhow::Result<()> {
        let notes = [
            "Visa obtained at the embassy in Brussels.",
            "Brussels–Kigali return booked.",
            "Repatriation insurance with the programme's insurer.",
            "Advance paid on the expert's account.",
            "Guest house booked by the host.",
            "Briefing with the programme's security officer.",
            "Head of department named as focal point.",
        ];
        for (n, item) in logistics::Item::ALL.iter().enumerate().take(done) {
            let day = (before - Duration::days(20 - n as i64)).to_string();
            let entry = logistics::entry(*item, "done", &day, notes.get(n).copied().unwrap_or_default(), self.today)
                .map_err(|e| anyhow::anyhow!("demo checklist: {e:?}"))?;
            lifecycle::set_checklist_item(self.db, self.coordinator, id, &entry, "")
                .await
                .map_err(|e| anyhow::anyhow!("demo checklist: {e}"))?;
        }
        Ok(())
    }

    /// The coordinator verifies the expert's licence to practise valid to the mission's end
    /// (as an emergency health mission requires before departure); `false` when they hold none.
    async fn verify_licence(&self, mission: &lifecycle::Mission) -> anyhow::Result<bool> {
        use passerelle_profiles::model::{CredentialKind, CredentialStatus};
        let Some(expert) = mission.expert else { return Ok(false) };
        let Some(profile) = passerelle_profiles::load::load(self.db, expert).await? else { return Ok(false) };
        let end = mission.planned.end();
        let licence = profile.data.credentials.iter().find(|c| {
            c.kind == CredentialKind::Licence
                && c.status != CredentialStatus::Rejected
                && c.valid_until.is_none_or(|d| d >= end)
        });
        let Some(licence) = licence else { return Ok(false) };
        let mut tx = self.db.begin().await?;
        let by = self.coordinator.user_id;
        passerelle_profiles::store::set_credential_status(&mut tx, expert, &licence.id, CredentialStatus::Verified, by)
            .await?;
        tx.commit().await?;
        Ok(true)
    }

    /// Walks a mission to `reach`; `expert` files its report, `host` its evaluation.
    async fn mission(&self, walked: &Walked, id: MissionId, expert: &Actor, reach: Reach) -> anyhow::Result<()> {
        let staff = By::Person(self.coordinator);
        let mission = lifecycle::get(self.db, id).await?.ok_or_else(|| anyhow::anyhow!("no demo mission"))?;
        let (start, end) = (mission.planned.start(), mission.planned.end());
        if let Reach::Cancelled(reason) = reach {
            return self.move_mission(staff, id, MissionStatus::Cancelled, None, reason).await;
        }
        if reach == Reach::Planned {
            return Ok(());
        }
        self.move_mission(staff, id, MissionStatus::Approved, None, "").await?;
        if reach == Reach::Approved {
            return Ok(());
        }
        self.move_mission(staff, id, MissionStatus::Preparing, None, "").await?;
        if let Reach::Preparing(done) = reach {
            return self.checklist(id, done, start).await;
        }
        self.checklist(id, logistics::Item::ALL.len(), start).await?;
        if mission.licence == lifecycle::Licence::Missing && !self.verify_licence(&mission).await? {
            // No licence to verify: the mission waits at departure, as the check requires.
            return Ok(());
        }
        self.move_mission(staff, id, MissionStatus::InProgress, Some(start.min(self.today)), "").await?;
        match reach {
            Reach::InProgress => return Ok(()),
            Reach::Extended(approve) => {
                let reason = "The host asked for two more weeks to train the night shift.";
                lifecycle::request_extension(self.db, expert, id, end + Duration::days(14), reason, "")
                    .await
                    .map_err(|e| anyhow::anyhow!("demo extension: {e}"))?;
                if approve {
                    lifecycle::decide_extension(self.db, self.coordinator, id, true, "Budget confirmed.", "")
                        .await
                        .map_err(|e| anyhow::anyhow!("demo extension: {e}"))?;
                }
                return Ok(());
            }
            _ => {}
        }
        let (end_day, comment) = match reach {
            Reach::CompletedEarly(reason) => ((end - Duration::days(4)).max(start), reason),
            _ => (end.min(self.today), ""),
        };
        self.move_mission(staff, id, MissionStatus::Completed, Some(end_day), comment).await?;
        if matches!(reach, Reach::Completed | Reach::CompletedEarly(_)) {
            return Ok(());
        }
        let report = report_of(walked);
        reports::submit(self.db, expert, id, &report, "").await.map_err(|e| anyhow::anyhow!("demo report: {e}"))?;
        if reach == Reach::Reported {
            return Ok(());
        }
        let host = self.host(walked)?;
        let evaluation = evaluations::EvaluationInput {
            ratings: evaluations::Criterion::ALL
                .iter()
                .enumerate()
                .map(|(n, c)| {
                    (
                        c.code().to_owned(),
                        if (n + walked.need.title.len()).is_multiple_of(3) { "4" } else { "5" }.to_owned(),
                    )
                })
                .collect(),
            comments: "The expert trained our people with patience; the department now runs the module on its own."
                .into(),
        };
        let fields = evaluation.validate().map_err(|e| anyhow::anyhow!("demo evaluation: {e:?}"))?;
        evaluations::submit(self.db, host, id, &fields, "")
            .await
            .map_err(|e| anyhow::anyhow!("demo evaluation: {e}"))?;
        if reach == Reach::Evaluated {
            return Ok(());
        }
        self.move_mission(staff, id, MissionStatus::Closed, None, "Report and evaluation received; signed off.").await
    }
}

/// A believable report for a request: trainers and students for a TVET college, staff for a
/// hospital, others elsewhere.
fn report_of(walked: &Walked) -> reports::ReportFields {
    let need = walked.need;
    let n = need.title.len() as u32;
    let people = match need.sector.as_str() {
        "tvet" | "education" => vec![
            ("trainers", (3 + n % 4).to_string(), (5 + n % 5).to_string(), String::new()),
            ("students", (60 + n % 40).to_string(), (90 + n % 50).to_string(), "4".to_owned()),
        ],
        "health" | "humanitarian" => vec![("staff", (9 + n % 6).to_string(), (4 + n % 3).to_string(), String::new())],
        _ => vec![("others", (4 + n % 5).to_string(), (6 + n % 4).to_string(), "1".to_owned())],
    };
    let input = reports::ReportInput {
        activities: format!(
            "{} Sessions held every working day, with practical exercises on the host's equipment.",
            need.objectives
        ),
        deliverables: need.deliverables.to_owned(),
        recommendations: "Plan a short follow-up session in six months, and keep a budget line for consumables."
            .to_owned(),
        institutions_reached: (1 + n % 3).to_string(),
        people: people.into_iter().map(|(role, w, m, u)| (role.to_owned(), w, m, u)).collect(),
    };
    input.validate().unwrap_or_else(|_| reports::ReportFields {
        activities: need.objectives.to_owned(),
        deliverables: String::new(),
        recommendations: String::new(),
        institutions_reached: 1,
        people: vec![],
    })
}

/// Seeds the pipeline. `aline` is the demo expert, `walked` the approved requests.
pub async fn seed(
    db: &Db,
    coordinator: &Actor,
    members: &HashMap<&'static str, Seeded>,
    aline: &Actor,
    hash: &str,
    walked: &[Walked],
) -> anyhow::Result<()> {
    let pool = experts(db, hash).await?;
    let aline_id = service::profile_of_account(db, aline.user_id, &aline.name).await?;
    let mut walk = Walk { db, coordinator, members, pool, next: 0, today: Timestamp::now().date() };
    let approved_patterns: [&[Stop]; 6] = [
        &[Stop::Proposed, Stop::Invited, Stop::Declined("Not available on these dates: exams at my university.")],
        &[Stop::Accepted, Stop::Expired],
        &[Stop::HostApproved, Stop::HostDeclined("We prefer a French-speaking expert for this team.")],
        &[Stop::Invited, Stop::Withdrawn("Another candidate fits the dates better.")],
        &[Stop::Proposed, Stop::Shortlisted],
        &[Stop::Invited, Stop::Accepted, Stop::Shortlisted],
    ];
    let mut approved = 0;
    for request in walked {
        let need = request.need;
        match need.path {
            Path::Approved => {
                // The demo expert's pending invitation: the neonatal request of CHU Butare.
                if need.institution == "chu-butare" {
                    walk.candidate(request, (aline, aline_id), Stop::Invited).await?;
                }
                for (k, stop) in approved_patterns[approved % approved_patterns.len()].iter().enumerate() {
                    let (actor, id) = walk.take_or_reuse(approved * 3 + k)?;
                    walk.candidate(request, (&actor, id), *stop).await?;
                }
                approved += 1;
            }
            Path::Staffed | Path::Closed => {
                let plan: Vec<Reach> = match (&need.path, need.institution.as_str()) {
                    (Path::Closed, _) if need.institution == "hopital-kankan" => {
                        vec![Reach::CompletedEarly("The ward closed a week early for renovation works.")]
                    }
                    (Path::Closed, _) if need.institution == "iprc-musanze" => vec![Reach::Evaluated],
                    (Path::Closed, _) => vec![Reach::Closed; need.positions as usize],
                    _ if need.institution == "chu-butare" => vec![Reach::Completed],
                    _ if need.institution == "iprc-kigali" && need.title.contains("second cohort") => {
                        vec![Reach::Reported]
                    }
                    _ if need.institution == "iprc-kigali" => vec![Reach::Approved, Reach::Preparing(4)],
                    _ if need.institution == "isp-bukavu" => vec![Reach::Planned],
                    _ if need.institution == "chn-nouakchott" => {
                        vec![
                            Reach::InProgress,
                            Reach::Extended(false),
                            Reach::Cancelled("Visa refused three days before departure."),
                        ]
                    }
                    _ if need.institution == "ms-mauritanie" => vec![Reach::Extended(true)],
                    _ if need.institution == "ub-agronomie" => vec![Reach::Preparing(7)],
                    _ => vec![Reach::Approved; need.positions as usize],
                };
                for reach in plan {
                    let (actor, id) = if need.institution == "chu-butare" && matches!(need.path, Path::Staffed) {
                        (aline.clone(), aline_id)
                    } else {
                        walk.take()?
                    };
                    let Some(mission) = walk.candidate(request, (&actor, id), Stop::Selected).await? else { continue };
                    walk.mission(request, mission, &actor, reach).await?;
                    if let Reach::Cancelled(_) = reach {
                        // The position freed is filled again by another expert.
                        let (other, other_id) = walk.take()?;
                        if let Some(again) = walk.candidate(request, (&other, other_id), Stop::Selected).await? {
                            walk.mission(request, again, &other, Reach::Preparing(5)).await?;
                        }
                    }
                }
                if matches!(need.path, Path::Closed) {
                    let status = requests::get(db, request.id).await?.map(|r| r.status);
                    if status == Some(requests::Status::Staffed) {
                        requests::transition(
                            db,
                            By::Person(coordinator),
                            request.id,
                            requests::Status::Closed,
                            "Missions completed; reports received.",
                            "",
                        )
                        .await?;
                    }
                }
            }
            _ => {}
        }
    }
    call(db, coordinator, &walk.pool, aline_id, walked).await
}

impl Walk<'_> {
    /// An expert for a candidacy that will not be selected: the pool is reused across requests
    /// (an expert may be a candidate for several).
    fn take_or_reuse(&self, salt: usize) -> anyhow::Result<(Actor, ExpertId)> {
        let n = self.pool.len().max(1);
        let expert = self.pool.get((salt * 7 + self.next) % n).ok_or_else(|| anyhow::anyhow!("no demo expert"))?;
        Ok((expert.actor.clone(), expert.id))
    }
}

/// A saved search and an urgent call with answers.
async fn call(db: &Db, coordinator: &Actor, pool: &[Expert], aline: ExpertId, walked: &[Walked]) -> anyhow::Result<()> {
    let params = SearchParams {
        text: String::new(),
        sector: Some(passerelle_core::Sector::Health),
        origin: None,
        language: Some(passerelle_core::Language::parse("fr")?),
        available: None,
    };
    let search = calls::save_search(db, coordinator, "Health professionals speaking French", &params, "")
        .await
        .map_err(|e| anyhow::anyhow!("demo search: {e}"))?;
    let request =
        walked.iter().find(|w| matches!(w.need.path, Path::Approved) && w.need.sector == "health").map(|w| w.id);
    let input = CallInput {
        title: "Cholera response: doctors and nurses for four weeks".into(),
        message: "A cholera outbreak is overwhelming the regional hospital. We are looking for doctors and nurses \
                  able to leave within two weeks, for four weeks on site."
            .into(),
        saved_search_id: search.to_string(),
        request_id: request.map(|r| r.to_string()).unwrap_or_default(),
        reply_by: (Timestamp::now().date() + Duration::days(5)).to_string(),
    };
    let fields = input.validate(Timestamp::now().date()).map_err(|e| anyhow::anyhow!("demo call: {e:?}"))?;
    let mut recipients: Vec<ExpertId> = pool.iter().take(8).map(|e| e.id).collect();
    recipients.push(aline);
    let id = calls::create(db, coordinator, &fields, &recipients, "")
        .await
        .map_err(|e| anyhow::anyhow!("demo call: {e}"))?;
    for (n, expert) in pool.iter().take(5).enumerate() {
        let answer = if n % 3 == 2 { Answer::NotAvailable } else { Answer::Interested };
        let note = if answer == Answer::Interested { "I can leave next week." } else { "" };
        calls::answer(db, &expert.actor, expert.id, id, answer, note, "")
            .await
            .map_err(|e| anyhow::anyhow!("demo answer: {e}"))?;
    }
    Ok(())
}
