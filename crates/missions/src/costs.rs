//! The costs of missions, in their programme's currency: travel, per diem (days × the
//! programme's daily rate for the mission's country), insurance, fees. Coordinators and admins
//! record and remove them; every change is in the audit log. A programme's spending is the sum
//! of its missions' lines, set against its budget on the programme page, the dashboard and the
//! costs export.

use crate::codes::code_enum;
use crate::lifecycle::Mission;
use crate::lifecycle::logistics::PhaseKind;
use crate::programmes::plan::Budget;
use passerelle_accounts::Actor;
use passerelle_accounts::audit::{self, Event};
use passerelle_core::{Amount, FieldError, MissionId, Problems, ProgrammeId, Timestamp};
use passerelle_db::Db;
use sqlx::FromRow;

code_enum! {
    /// What a cost is for.
    pub enum CostCategory ("a cost category", "cost.category_unknown") {
        Travel => "travel",
        PerDiem => "per_diem",
        Insurance => "insurance",
        Fees => "fees",
        Other => "other",
    }
}

/// Days of per diem or units of anything else on one line: a year of placement at most.
pub const MAX_QUANTITY: u32 = 400;
/// Lines on one mission: enough for a long placement's monthly claims.
pub const MAX_LINES: i64 = 200;

/// Coordinators and admins see and change costs; hosts and experts do not see them.
pub fn can_manage(actor: &Actor) -> bool {
    actor.is_staff()
}

/// A cost line as typed; blanks are filled from the mission and the programme.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CostInput {
    pub category: String,
    pub description: String,
    /// Days for per diem (blank: the mission's days on site), units otherwise (blank: 1).
    pub quantity: String,
    /// The amount of one unit (blank for per diem: the programme's rate for the country).
    pub unit_amount: String,
}

/// A cost line, checked against its mission and programme.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CostFields {
    pub category: CostCategory,
    pub description: String,
    pub quantity: u32,
    pub unit_amount: Amount,
}

impl CostFields {
    pub fn amount(&self) -> Amount {
        // Bounded on entry: quantity ≤ 400 and the unit's amount ≤ the maximum / 400.
        self.unit_amount.times(i64::from(self.quantity)).unwrap_or(Amount::ZERO)
    }
}

/// The days a mission spends on site, as planned: per diem is paid for them.
pub fn days_on_site(mission: &Mission) -> i64 {
    mission.phases.iter().filter(|p| p.kind == PhaseKind::OnSite).map(|p| p.days.days()).sum()
}

impl CostInput {
    /// Checks the line for `mission` of a programme with `budget`, reporting every problem.
    pub fn validate(&self, mission: &Mission, budget: &Budget) -> Result<CostFields, Vec<FieldError>> {
        let mut p = Problems::new();
        let category = p.parse("category", &self.category, CostCategory::parse);
        let description = p.text("description", &self.description, 200, false);
        let quantity = match (self.quantity.trim(), category) {
            ("", Some(CostCategory::PerDiem)) => match u32::try_from(days_on_site(mission)) {
                Ok(days) if days > 0 => Some(days.min(MAX_QUANTITY)),
                _ => {
                    p.push(FieldError::new(
                        "quantity",
                        "cost.no_days",
                        "the mission has no days on site: type the days",
                    ));
                    None
                }
            },
            ("", _) => Some(1),
            (text, _) => match text.parse::<u32>() {
                Ok(n) if (1..=MAX_QUANTITY).contains(&n) => Some(n),
                _ => {
                    p.push(FieldError::new(
                        "quantity",
                        "cost.quantity_range",
                        format!("a whole number from 1 to {MAX_QUANTITY}"),
                    ));
                    None
                }
            },
        };
        let unit_amount = match (self.unit_amount.trim(), category) {
            ("", Some(CostCategory::PerDiem)) => match budget.per_diem_in(mission.country) {
                Some(rate) => Some(rate),
                None => {
                    p.push(FieldError::new(
                        "unit_amount",
                        "cost.no_rate",
                        format!("the programme has no per diem rate for {}: type the daily rate", mission.country),
                    ));
                    None
                }
            },
            ("", _) => {
                p.push(FieldError::required("unit_amount"));
                None
            }
            (text, _) => p.parse("unit_amount", text, Amount::parse),
        };
        if let (Some(quantity), Some(unit)) = (quantity, unit_amount)
            && unit.times(i64::from(quantity)).is_none()
        {
            p.push(FieldError::new("unit_amount", "amount.too_large", "the line's total is above the largest amount"));
        }
        match (category, quantity, unit_amount) {
            (Some(category), Some(quantity), Some(unit_amount)) if p.is_empty() => {
                Ok(CostFields { category, description, quantity, unit_amount })
            }
            _ => Err(p.into_vec()),
        }
    }
}

/// A recorded cost line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cost {
    pub id: i64,
    pub mission: MissionId,
    pub fields: CostFields,
    pub created_at: Timestamp,
}

#[derive(Debug, thiserror::Error)]
pub enum CostError {
    #[error("invalid fields")]
    Invalid(Vec<FieldError>),
    #[error("no such cost line")]
    NotFound,
    #[error(transparent)]
    Database(#[from] sqlx::Error),
}

/// Records a cost line of `mission`.
pub async fn add(db: &Db, actor: &Actor, mission: &Mission, fields: &CostFields, ip: &str) -> Result<i64, CostError> {
    let mut tx = db.begin().await?;
    let lines: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM mission_costs WHERE mission_id = $1")
        .bind(mission.id)
        .fetch_one(&mut *tx)
        .await?;
    if lines >= MAX_LINES {
        return Err(CostError::Invalid(vec![FieldError::new(
            "category",
            "cost.too_many",
            format!("a mission has at most {MAX_LINES} cost lines"),
        )]));
    }
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO mission_costs (mission_id, category, description, quantity, unit_amount, created_by, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
    )
    .bind(mission.id)
    .bind(fields.category.code())
    .bind(&fields.description)
    .bind(i64::from(fields.quantity))
    .bind(fields.unit_amount.cents())
    .bind(actor.user_id)
    .bind(Timestamp::now())
    .fetch_one(&mut *tx)
    .await?;
    let currency = currency_of(&mut tx, mission.id).await?;
    let target = mission.id.to_string();
    let detail = format!("{} {} x {} {currency}", fields.category, fields.quantity, fields.unit_amount);
    let event = Event::by(Some(actor), "mission.cost_add").on("mission", &target).from_ip(ip).detail(&detail);
    audit::record(&mut tx, &event).await?;
    tx.commit().await?;
    Ok(id)
}

/// Removes cost line `id` of `mission`.
pub async fn remove(db: &Db, actor: &Actor, mission: MissionId, id: i64, ip: &str) -> Result<(), CostError> {
    let mut tx = db.begin().await?;
    let removed: Option<(String, i64, i64)> = sqlx::query_as(
        "DELETE FROM mission_costs WHERE id = $1 AND mission_id = $2 RETURNING category, quantity, unit_amount",
    )
    .bind(id)
    .bind(mission)
    .fetch_optional(&mut *tx)
    .await?;
    let Some((category, quantity, unit)) = removed else { return Err(CostError::NotFound) };
    let currency = currency_of(&mut tx, mission).await?;
    let target = mission.to_string();
    let unit = Amount::from_cents(unit).unwrap_or_default();
    let detail = format!("{category} {quantity} x {unit} {currency}");
    let event = Event::by(Some(actor), "mission.cost_remove").on("mission", &target).from_ip(ip).detail(&detail);
    audit::record(&mut tx, &event).await?;
    tx.commit().await?;
    Ok(())
}

/// The currency of a mission's programme, as its audit entries name it.
async fn currency_of(tx: &mut passerelle_db::Tx, mission: MissionId) -> Result<String, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT p.currency FROM missions m JOIN requests r ON r.id = m.request_id \
         JOIN programmes p ON p.id = r.programme_id WHERE m.id = $1",
    )
    .bind(mission)
    .fetch_one(&mut **tx)
    .await
}

/// A cost line as its audit entry records it: `per_diem 12 x 95.50 EUR`.
pub fn parse_detail(detail: &str) -> Option<(CostCategory, u32, Amount, passerelle_core::Currency)> {
    let mut words = detail.split(' ');
    let category = CostCategory::parse(words.next()?).ok()?;
    let quantity = words.next()?.parse().ok()?;
    let _times = words.next().filter(|w| *w == "x")?;
    let unit = Amount::parse(words.next()?).ok()?;
    let currency = passerelle_core::Currency::parse(words.next()?).ok()?;
    Some((category, quantity, unit, currency))
}

#[derive(FromRow)]
struct Row {
    id: i64,
    mission_id: MissionId,
    category: String,
    description: String,
    quantity: i64,
    unit_amount: i64,
    created_at: Timestamp,
}

fn decode(row: Row) -> Result<Cost, sqlx::Error> {
    let bad = crate::candidates::read::bad;
    let range = || passerelle_core::ParseError::new("cost.range", "stored cost out of range");
    Ok(Cost {
        id: row.id,
        mission: row.mission_id,
        fields: CostFields {
            category: CostCategory::parse(&row.category).map_err(bad)?,
            description: row.description,
            quantity: u32::try_from(row.quantity).map_err(|_| bad(range()))?,
            unit_amount: Amount::from_cents(row.unit_amount).ok_or_else(|| bad(range()))?,
        },
        created_at: row.created_at,
    })
}

const COLUMNS: &str = "c.id, c.mission_id, c.category, c.description, c.quantity, c.unit_amount, c.created_at";

/// The lines of a mission, oldest first.
pub async fn of_mission(db: &Db, mission: MissionId) -> Result<Vec<Cost>, sqlx::Error> {
    let rows: Vec<Row> =
        sqlx::query_as(&format!("SELECT {COLUMNS} FROM mission_costs c WHERE c.mission_id = $1 ORDER BY c.id"))
            .bind(mission)
            .fetch_all(db.reader())
            .await?;
    rows.into_iter().map(decode).collect()
}

/// A page of the lines of a programme's missions after line `after`, in order of entry.
pub async fn of_programme(db: &Db, programme: ProgrammeId, after: i64, limit: u32) -> Result<Vec<Cost>, sqlx::Error> {
    let rows: Vec<Row> = sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM mission_costs c JOIN missions m ON m.id = c.mission_id \
         JOIN requests r ON r.id = m.request_id WHERE r.programme_id = $1 AND c.id > $2 ORDER BY c.id LIMIT $3"
    ))
    .bind(programme)
    .bind(after)
    .bind(i64::from(limit))
    .fetch_all(db.reader())
    .await?;
    rows.into_iter().map(decode).collect()
}

/// What a programme has spent, by category (categories without a line left out), and the
/// number of missions with at least one line.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Spending {
    pub by_category: Vec<(CostCategory, Amount)>,
    pub total: Amount,
    pub missions: u64,
}

pub async fn spending(db: &Db, programme: ProgrammeId) -> Result<Spending, sqlx::Error> {
    // Summed here rather than in SQL: each line is bounded, and the sum saturates instead of
    // overflowing an engine's integer.
    let rows: Vec<(MissionId, String, i64, i64)> = sqlx::query_as(
        "SELECT c.mission_id, c.category, c.quantity, c.unit_amount FROM mission_costs c \
         JOIN missions m ON m.id = c.mission_id JOIN requests r ON r.id = m.request_id WHERE r.programme_id = $1",
    )
    .bind(programme)
    .fetch_all(db.reader())
    .await?;
    let mut spent = Spending::default();
    let mut missions = std::collections::HashSet::new();
    for (mission, category, quantity, unit) in rows {
        let category = CostCategory::parse(&category).map_err(crate::candidates::read::bad)?;
        let amount = Amount::from_cents(unit).and_then(|u| u.times(quantity)).unwrap_or_default();
        missions.insert(mission);
        spent.total = spent.total.plus(amount);
        match spent.by_category.iter_mut().find(|(c, _)| *c == category) {
            Some((_, sum)) => *sum = sum.plus(amount),
            None => spent.by_category.push((category, amount)),
        }
    }
    spent.by_category.sort_by_key(|(c, _)| *c);
    spent.missions = missions.len() as u64;
    Ok(spent)
}
