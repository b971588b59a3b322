//! The demonstration programmes, modelled on the programmes the platform serves (skills-transfer
//! missions for the Great Lakes, Training of Trainers for Rwanda Polytechnic's colleges, urgent
//! calls for medical staff…), named and described in both languages of the interface. The data
//! is `data/programmes.toml` (compiled in, read once); `requests.rs` creates them.

use passerelle_missions::programmes::ProgrammeInput;
use serde::Deserialize;
use std::sync::OnceLock;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DemoProgramme {
    /// How the other demonstration data names it (`needs.toml`, `budgets.rs`).
    pub code: String,
    pub name_en: String,
    pub name_fr: String,
    pub description_en: String,
    pub description_fr: String,
    pub funder: String,
    /// Country codes.
    pub countries: Vec<String>,
    /// Sector codes.
    pub sectors: Vec<String>,
    pub starts_on: String,
    pub ends_on: String,
    /// Closed once its requests are in.
    pub closed: bool,
}

impl DemoProgramme {
    /// The programme as the web's form sends it, with its plan (`budgets.rs`): active, closed
    /// ones being closed once their requests are in.
    pub fn input(&self) -> ProgrammeInput {
        ProgrammeInput {
            code: self.code.clone(),
            name_en: self.name_en.clone(),
            name_fr: self.name_fr.clone(),
            description_en: self.description_en.clone(),
            description_fr: self.description_fr.clone(),
            funder: self.funder.clone(),
            countries: self.countries.clone(),
            sectors: self.sectors.clone(),
            starts_on: self.starts_on.clone(),
            ends_on: self.ends_on.clone(),
            status: "active".into(),
            plan: super::budgets::plan(&self.code),
        }
    }
}

const DATA: &str = include_str!("data/programmes.toml");

/// The file: one `[[programme]]` table per programme.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ProgrammesFile {
    programme: Vec<DemoProgramme>,
}

static PROGRAMMES: OnceLock<Vec<DemoProgramme>> = OnceLock::new();

/// The demonstration programmes, in the order they are created; read from
/// `data/programmes.toml` the first time.
pub fn all() -> anyhow::Result<&'static [DemoProgramme]> {
    if let Some(programmes) = PROGRAMMES.get() {
        return Ok(programmes);
    }
    let file: ProgrammesFile = toml::from_str(DATA)
        .map_err(|e| anyhow::anyhow!("the demonstration programmes (demo/data/programmes.toml): {e}"))?;
    Ok(PROGRAMMES.get_or_init(|| file.programme))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_demonstration_programmes_parse_are_valid_and_have_distinct_codes() {
        let demo = all().unwrap();
        assert_eq!(demo.len(), 10);
        for (n, p) in demo.iter().enumerate() {
            assert!(demo[..n].iter().all(|other| other.code != p.code), "{} twice", p.code);
            let fields = p.input().validate().unwrap_or_else(|e| panic!("{}: {e:?}", p.code));
            assert_eq!(fields.code, p.code, "{}: the code as the form keeps it", p.code);
            assert_eq!(fields.countries.len(), p.countries.len(), "{}: a country twice", p.code);
            assert_eq!(fields.sectors.len(), p.sectors.len(), "{}: a sector twice", p.code);
        }
    }

    #[test]
    fn a_misspelt_field_is_refused() {
        let misspelt = DATA.replacen("funder = ", "founder = ", 1);
        let error = toml::from_str::<ProgrammesFile>(&misspelt).err().expect("refused").to_string();
        assert!(error.contains("founder"), "{error}");
    }
}
