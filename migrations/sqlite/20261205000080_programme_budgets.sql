-- Programme targets and budgets (issue 13): what kind of programme it is, what it set out to
-- reach (experts deployed, expert-days, people trained), its budget in one currency with a per
-- diem rate per country, and the cost lines of each mission (travel, per diem days × rate,
-- insurance, fees). Amounts are integers in hundredths of the currency (cents), never floats.

ALTER TABLE programmes ADD COLUMN kind TEXT NOT NULL DEFAULT 'skills_transfer' CHECK (kind IN ('skills_transfer',
    'training_of_trainers', 'emergency_relief', 'placement', 'mapping', 'capacity_building'));
ALTER TABLE programmes ADD COLUMN target_experts BIGINT CHECK (target_experts >= 0);
ALTER TABLE programmes ADD COLUMN target_expert_days BIGINT CHECK (target_expert_days >= 0);
ALTER TABLE programmes ADD COLUMN target_people_trained BIGINT CHECK (target_people_trained >= 0);
ALTER TABLE programmes ADD COLUMN currency TEXT NOT NULL DEFAULT 'EUR';
ALTER TABLE programmes ADD COLUMN budget BIGINT CHECK (budget >= 0);

CREATE TABLE programme_per_diem_rates (
    programme_id TEXT NOT NULL REFERENCES programmes (id) ON DELETE CASCADE,
    country TEXT NOT NULL,
    daily_rate BIGINT NOT NULL CHECK (daily_rate >= 0),
    PRIMARY KEY (programme_id, country)
);

-- A cost of a mission, in its programme's currency: `quantity` × `unit_amount` (days × the
-- daily rate for per diem; 1 × the amount otherwise).
CREATE TABLE mission_costs (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    mission_id TEXT NOT NULL REFERENCES missions (id) ON DELETE CASCADE,
    category TEXT NOT NULL CHECK (category IN ('travel', 'per_diem', 'insurance', 'fees', 'other')),
    description TEXT NOT NULL DEFAULT '',
    quantity BIGINT NOT NULL CHECK (quantity >= 1),
    unit_amount BIGINT NOT NULL CHECK (unit_amount >= 0),
    created_by TEXT REFERENCES users (id) ON DELETE SET NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX mission_costs_mission ON mission_costs (mission_id, id);
