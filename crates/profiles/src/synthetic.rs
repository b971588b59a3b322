//! A deterministic generator of believable expert profiles: the demo roster and the search
//! benchmark's corpus. Profile `i` of seed `s` is always the same, whatever else is generated,
//! and is built as an [`ExpertInput`], so it goes through the same validation as real input.
//!
//! The skew follows the programmes this serves: origins in the Great Lakes, the Maghreb and
//! West Africa; residence in Belgium, France, the Netherlands, Germany, Luxembourg and the UK;
//! health and TVET first; French almost everywhere, with the languages of each origin.

use crate::input::*;
use passerelle_taxonomy::{CuratedRow, shipped_rows};

/// SplitMix64: small, fast, and good enough for test data.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n`.
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n.max(1) as u64) as usize
    }

    pub fn between(&mut self, low: i64, high: i64) -> i64 {
        low + self.below((high - low + 1) as usize) as i64
    }

    pub fn chance(&mut self, percent: u64) -> bool {
        self.next_u64() % 100 < percent
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    /// Picks by weight: `(item, weight)`.
    pub fn weighted<'a, T>(&mut self, items: &'a [(T, u32)]) -> &'a T {
        let total: u32 = items.iter().map(|(_, w)| w).sum();
        let mut ticket = self.below(total as usize) as u32;
        for (item, weight) in items {
            if ticket < *weight {
                return item;
            }
            ticket -= weight;
        }
        &items[items.len() - 1].0
    }
}

struct Origin {
    code: &'static str,
    weight: u32,
    first_names: &'static [&'static str],
    surnames: &'static [&'static str],
    /// (language, spoken level) of people of this origin, beyond French and English.
    languages: &'static [(&'static str, &'static str)],
    french: &'static [&'static str],
}

const ORIGINS: &[Origin] = &[
    Origin {
        code: "CD",
        weight: 25,
        first_names: &[
            "Christelle",
            "Patrick",
            "Grâce",
            "Jean-Marie",
            "Nadine",
            "Didier",
            "Ruth",
            "Serge",
            "Mireille",
            "Fabrice",
            "Esther",
            "Trésor",
            "Sylvie",
            "Héritier",
            "Chantal",
            "Gloire",
        ],
        surnames: &[
            "Mbuyi",
            "Kabila",
            "Tshimanga",
            "Mukendi",
            "Ilunga",
            "Kasongo",
            "Lukusa",
            "Mputu",
            "Nzuzi",
            "Kalala",
            "Makiese",
            "Mwamba",
            "Ngoy",
            "Tshibangu",
            "Lumumba",
            "Kabongo",
        ],
        languages: &[("ln", "native"), ("sw", "C1"), ("lua", "native"), ("kg", "native")],
        french: &["native", "C2", "C2", "C1"],
    },
    Origin {
        code: "RW",
        weight: 20,
        first_names: &[
            "Aline",
            "Jean",
            "Diane",
            "Eric",
            "Claudine",
            "Olivier",
            "Solange",
            "Innocent",
            "Clarisse",
            "Emmanuel",
            "Grace",
            "Patrick",
            "Josiane",
            "Fabrice",
            "Yvonne",
            "Théogène",
        ],
        surnames: &[
            "Uwase",
            "Habimana",
            "Mukamana",
            "Niyonzima",
            "Uwimana",
            "Mugisha",
            "Ingabire",
            "Nshimiyimana",
            "Umutoni",
            "Hakizimana",
            "Mutesi",
            "Bizimana",
            "Uwera",
            "Ndayisaba",
            "Iradukunda",
            "Gasana",
        ],
        languages: &[("rw", "native"), ("sw", "B2")],
        french: &["C1", "B2", "C2", "B1"],
    },
    Origin {
        code: "BI",
        weight: 10,
        first_names: &[
            "Aimée",
            "Pacifique",
            "Claudette",
            "Jean-Bosco",
            "Nella",
            "Prosper",
            "Sandrine",
            "Gilbert",
            "Denise",
            "Léonce",
        ],
        surnames: &[
            "Ndayishimiye",
            "Niyonkuru",
            "Irakoze",
            "Nkurunziza",
            "Hatungimana",
            "Ndikumana",
            "Kaneza",
            "Bigirimana",
            "Nsengiyumva",
            "Manirakiza",
        ],
        languages: &[("rn", "native"), ("sw", "B2")],
        french: &["C2", "C1", "native"],
    },
    Origin {
        code: "MA",
        weight: 15,
        first_names: &[
            "Yasmina", "Karim", "Nadia", "Mehdi", "Salma", "Youssef", "Imane", "Hamid", "Leïla", "Rachid", "Samira",
            "Omar", "Zineb", "Anass",
        ],
        surnames: &[
            "El Amrani",
            "Benali",
            "Bennani",
            "El Idrissi",
            "Tazi",
            "Alaoui",
            "Chraibi",
            "Berrada",
            "El Fassi",
            "Ouazzani",
            "Lahlou",
            "Ziani",
            "Haddad",
            "Mansouri",
        ],
        languages: &[("ar", "native"), ("ary", "native"), ("zgh", "B2")],
        french: &["C2", "C1", "native"],
    },
    Origin {
        code: "MR",
        weight: 5,
        first_names: &["Mariem", "Sidi", "Aïchetou", "Mohamed Lemine", "Khadijetou", "Cheikh", "Fatimetou", "Ahmedou"],
        surnames: &["Ould Ahmed", "Mint Mohamed", "Ould Sidi", "Mint Cheikh", "Ba", "Sy", "Diallo", "Kane"],
        languages: &[("mey", "native"), ("ar", "C1"), ("snk", "native"), ("ff", "native"), ("wo", "B2")],
        french: &["C1", "B2", "C2"],
    },
    Origin {
        code: "SN",
        weight: 10,
        first_names: &[
            "Awa", "Moussa", "Fatou", "Ibrahima", "Aminata", "Cheikh", "Ndèye", "Ousmane", "Khady", "Mamadou",
        ],
        surnames: &["Diop", "Ndiaye", "Fall", "Sow", "Gueye", "Faye", "Sarr", "Ba", "Cissé", "Mbaye"],
        languages: &[("wo", "native"), ("ff", "C1"), ("srr", "native")],
        french: &["native", "C2"],
    },
    Origin {
        code: "CM",
        weight: 10,
        first_names: &[
            "Brigitte", "Serge", "Carine", "Hervé", "Laure", "Blaise", "Nathalie", "Franck", "Estelle", "Joël",
        ],
        surnames: &[
            "Nkemdirim",
            "Mbarga",
            "Fotso",
            "Ngo Biyong",
            "Tchoumi",
            "Essomba",
            "Kamga",
            "Nana",
            "Ekotto",
            "Atangana",
        ],
        languages: &[("ewo", "native"), ("dua", "native"), ("bas", "native")],
        french: &["native", "C2", "C1"],
    },
    Origin {
        code: "GN",
        weight: 5,
        first_names: &["Mariama", "Alpha", "Kadiatou", "Sékou", "Fatoumata", "Lansana", "Hawa", "Boubacar"],
        surnames: &["Camara", "Diallo", "Bah", "Condé", "Touré", "Sylla", "Keïta", "Soumah"],
        languages: &[("ff", "native"), ("sus", "native"), ("mnk", "native")],
        french: &["C2", "C1", "native"],
    },
];

/// Country of residence, city, phone prefix, and the local language some learn.
type Residence = (&'static str, &'static str, &'static str, Option<(&'static str, &'static str)>);

const RESIDENCES: &[(Residence, u32)] = &[
    (("BE", "Bruxelles", "+32470", Some(("nl", "B1"))), 40),
    (("FR", "Paris", "+33612", None), 20),
    (("NL", "Rotterdam", "+31612", Some(("nl", "B2"))), 10),
    (("DE", "Köln", "+49151", Some(("de", "B2"))), 12),
    (("LU", "Luxembourg", "+352621", Some(("lb", "A2"))), 8),
    (("GB", "London", "+447700", None), 10),
];

const SECTORS: &[(&str, u32)] = &[
    ("health", 30),
    ("tvet", 15),
    ("education", 12),
    ("rural_development", 10),
    ("ict", 10),
    ("engineering", 8),
    ("public_administration", 7),
    ("finance", 4),
    ("entrepreneurship", 3),
    ("humanitarian", 1),
    ("social", 1),
];

const UNIVERSITIES: &[(&str, &str)] = &[
    ("Université libre de Bruxelles", "BE"),
    ("KU Leuven", "BE"),
    ("Université de Liège", "BE"),
    ("UCLouvain", "BE"),
    ("Universiteit Gent", "BE"),
    ("Université Paris Cité", "FR"),
    ("Université de Lyon", "FR"),
    ("Universiteit Utrecht", "NL"),
    ("Universität zu Köln", "DE"),
    ("Université du Luxembourg", "LU"),
    ("University College London", "GB"),
    ("Université de Kinshasa", "CD"),
    ("University of Rwanda", "RW"),
    ("Université du Burundi", "BI"),
    ("Université Mohammed V de Rabat", "MA"),
    ("Université Cheikh Anta Diop", "SN"),
    ("Université de Yaoundé I", "CM"),
    ("Université Gamal Abdel Nasser de Conakry", "GN"),
];

const DEGREES: &[&str] = &[
    "Master",
    "Bachelor",
    "Doctorate (PhD)",
    "Medical doctor (MD)",
    "Engineering degree",
    "Nursing diploma",
    "Teaching diploma",
];

/// Generates profiles for one seed.
pub struct Generator {
    seed: u64,
    skills_by_sector: Vec<(String, Vec<CuratedRow>)>,
    /// Availability windows fall in the year after this day.
    start: time::Date,
}

impl Generator {
    pub fn new(seed: u64) -> Generator {
        let mut by_sector: Vec<(String, Vec<CuratedRow>)> = Vec::new();
        for row in shipped_rows() {
            match by_sector.iter_mut().find(|(s, _)| *s == row.sector) {
                Some((_, rows)) => rows.push(row),
                None => by_sector.push((row.sector.clone(), vec![row])),
            }
        }
        Generator { seed, skills_by_sector: by_sector, start: time::macros::date!(2027 - 01 - 01) }
    }

    /// The same profiles, with availability in the year after `start` (the demo uses today).
    pub fn starting(mut self, start: time::Date) -> Generator {
        self.start = start;
        self
    }

    fn skills_of(&self, sector: &str) -> &[CuratedRow] {
        self.skills_by_sector.iter().find(|(s, _)| s == sector).map_or(&[], |(_, rows)| rows.as_slice())
    }

    /// Profile number `index`.
    pub fn expert(&self, index: u64) -> ExpertInput {
        let mut rng =
            Rng::new(self.seed.wrapping_mul(0x2545_F491_4F6C_DD1D) ^ index.wrapping_mul(0x9E37_79B9_7F4A_7C15));
        let origin = {
            let weighted: Vec<(&Origin, u32)> = ORIGINS.iter().map(|o| (o, o.weight)).collect();
            *rng.weighted(&weighted)
        };
        let (residence, city, phone_prefix, local_language) = *rng.weighted(RESIDENCES);
        let first = *rng.pick(origin.first_names);
        let last = *rng.pick(origin.surnames);
        let name = format!("{first} {last}");
        let email_local: String = format!("{first}.{last}")
            .to_lowercase()
            .chars()
            .map(|c| match c {
                'é' | 'è' | 'ê' => 'e',
                'ï' | 'î' => 'i',
                'ô' => 'o',
                'â' => 'a',
                c if c.is_ascii_alphanumeric() || c == '.' => c,
                _ => '-',
            })
            .collect();
        let email = format!("{email_local}.{index}@mail.example");
        let phone = format!("{phone_prefix}{:06}", rng.below(1_000_000));

        let main_sector = *rng.weighted(SECTORS);
        let mut sectors = vec![main_sector.to_owned()];
        if rng.chance(35) {
            let second = *rng.weighted(SECTORS);
            if second != main_sector {
                sectors.push(second.to_owned());
            }
        }
        let years_experience = rng.between(2, 35);

        // Skills: mostly from the main sector, written in either language or as a synonym.
        let mut skills: Vec<SkillInput> = Vec::new();
        let wanted = rng.between(3, 10) as usize;
        for attempt in 0..wanted * 3 {
            if skills.len() >= wanted {
                break;
            }
            let sector =
                if attempt % 4 == 3 { sectors.last().map_or(main_sector, String::as_str) } else { main_sector };
            let pool = self.skills_of(sector);
            if pool.is_empty() {
                break;
            }
            // Skewed towards the first (most common) skills of the sector.
            let position = rng.below(pool.len()).min(rng.below(pool.len()));
            let row = &pool[position];
            let label = match rng.below(4) {
                0 => row.label_fr.clone(),
                1 => row.alt_en.split('|').next().filter(|a| !a.is_empty()).unwrap_or(&row.label_en).to_owned(),
                _ => row.label_en.clone(),
            };
            let key = passerelle_taxonomy::normalize(&row.label_en);
            if skills.iter().any(|s| s.esco_uri.as_deref() == Some(key.as_str())) {
                continue;
            }
            skills.push(SkillInput {
                label,
                // Used as a de-duplication key here and cleared below.
                esco_uri: Some(key),
                level: Some(*rng.weighted(&[(1, 1), (2, 3), (3, 4), (4, 2)])),
                years: Some(rng.between(1, years_experience.max(1))),
            });
        }
        for skill in &mut skills {
            skill.esco_uri = None;
        }

        let mut languages = vec![LanguageInput {
            code: "fr".into(),
            spoken: (*rng.pick(origin.french)).into(),
            written: (*rng.pick(origin.french)).into(),
        }];
        let (own, level) = *rng.pick(origin.languages);
        languages.push(LanguageInput {
            code: own.into(),
            spoken: level.into(),
            written: if level == "native" { "B2".into() } else { level.into() },
        });
        let english = *rng.weighted(&[("B1", 2), ("B2", 4), ("C1", 3), ("C2", 1)]);
        let english = if residence == "GB" { "C2" } else { english };
        languages.push(LanguageInput { code: "en".into(), spoken: english.into(), written: english.into() });
        if let Some((local, level)) = local_language
            && rng.chance(60)
        {
            languages.push(LanguageInput { code: local.into(), spoken: level.into(), written: level.into() });
        }

        let (university, university_country) = *rng.pick(UNIVERSITIES);
        let degree_year = 2024 - years_experience - rng.between(0, 3);
        let education = vec![EducationInput {
            degree: (*rng.pick(DEGREES)).into(),
            field: self.skills_of(main_sector).first().map_or_else(String::new, |r| r.label_en.clone()),
            institution: university.into(),
            country: Some(university_country.into()),
            year: Some(degree_year.max(1960)),
        }];
        let headline_skill = skills.first().map_or_else(|| main_sector.replace('_', " "), |s| s.label.clone());
        let headline = if rng.chance(50) {
            format!("{} — {years_experience} ans d'expérience", capitalise(&headline_skill))
        } else {
            format!("{} — {years_experience} years of experience", capitalise(&headline_skill))
        };
        let skill_list: Vec<&str> = skills.iter().take(4).map(|s| s.label.as_str()).collect();
        let summary = format!(
            "Based in {city}, working in {} for {years_experience} years. Experience in {}. Keen to transfer skills to \
             institutions in {} through short missions, on site or remotely.",
            main_sector.replace('_', " "),
            skill_list.join(", "),
            origin.code
        );
        let work = vec![WorkInput {
            role: capitalise(&headline_skill),
            employer: format!(
                "{} {}",
                rng.pick(&["Centre hospitalier", "Groupe", "Institut", "Service public", "Bureau d'études"]),
                rng.pick(&["Horizon", "Europe", "Saint-Pierre", "Delta", "Atlas", "Meuse"])
            ),
            country: Some(residence.into()),
            start_year: Some(2024 - rng.between(1, years_experience.min(20))),
            end_year: None,
        }];

        let mut credentials = Vec::new();
        if main_sector == "health" && rng.chance(75) {
            credentials.push(CredentialInput {
                id: None,
                kind: "licence".into(),
                title: format!("Licence to practise — {}", headline_skill),
                issuer: match residence {
                    "BE" => "SPF Santé publique",
                    "FR" => "Ordre national",
                    "GB" => "General Medical Council",
                    _ => "National health authority",
                }
                .into(),
                country: Some(residence.into()),
                number: format!("{}-{:07}", residence, rng.below(10_000_000)),
                valid_until: Some(format!("{}-12-31", rng.between(2025, 2031))),
            });
        }
        if rng.chance(40) {
            credentials.push(CredentialInput {
                id: None,
                kind: "certification".into(),
                title: rng
                    .pick(&[
                        "Training of Trainers certificate",
                        "Project management (PMP)",
                        "Teaching in higher education",
                        "Humanitarian logistics",
                    ])
                    .to_string(),
                issuer: rng.pick(&["IOM", "PMI", "Enabel", "Red Cross"]).to_string(),
                country: None,
                number: String::new(),
                valid_until: None,
            });
        }

        // One to three windows in the coming year, a few of them long (a sabbatical).
        let mut availability = Vec::new();
        for _ in 0..rng.between(1, 3) {
            let start = self.start + time::Duration::days(rng.between(0, 300));
            let length = if rng.chance(15) { rng.between(180, 270) } else { rng.between(21, 120) };
            availability.push(WindowInput {
                start: start.to_string(),
                end: (start + time::Duration::days(length)).to_string(),
                mode: (*rng.weighted(&[("either", 5), ("on_site", 3), ("remote", 2)])).into(),
            });
        }

        ExpertInput {
            external_id: Some(format!("synthetic-{}-{index}", self.seed)),
            name,
            email: Some(email),
            phone: Some(phone),
            city: Some(city.into()),
            residence_country: Some(residence.into()),
            origin_countries: vec![origin.code.into()],
            nationalities: if rng.chance(60) {
                vec![residence.into(), origin.code.into()]
            } else {
                vec![origin.code.into()]
            },
            headline: Some(headline),
            summary: Some(summary),
            years_experience: Some(years_experience),
            sectors,
            education,
            work_history: work,
            skills,
            languages,
            credentials,
            availability,
            max_mission_days: Some(*rng.pick(&[14, 21, 30, 45, 60, 90])),
            notice_days: Some(*rng.pick(&[14, 30, 45, 60])),
            remote_now: rng.chance(20),
            consent: rng.chance(90).then(|| ConsentInput {
                matching: true,
                version: "2026-11-01".into(),
                given_at: None,
            }),
            ..ExpertInput::default()
        }
    }
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn profiles_are_valid_deterministic_and_varied() {
        let generator = Generator::new(7);
        let today = time::macros::date!(2026 - 11 - 27);
        let mut origins = std::collections::HashSet::new();
        for i in 0..500 {
            let input = generator.expert(i);
            let checked = input.validate(today).unwrap_or_else(|e| panic!("profile {i}: {e:?}"));
            assert!(checked.data.skills.len() >= 3, "profile {i}");
            origins.insert(checked.data.origins[0]);
        }
        assert_eq!(generator.expert(42), Generator::new(7).expert(42));
        assert_ne!(generator.expert(42), generator.expert(43));
        assert!(origins.len() >= 7, "{origins:?}");
    }
}
