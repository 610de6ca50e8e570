//! CAMEO-style actor codes: a country (or international) prefix followed by 3-letter roles.

use std::fmt;

/// An actor code such as `IRNGOV`, `PSEREBHMS` or `IGOUNO`, split into its parts.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct ActorCode(String);

impl ActorCode {
    /// Wraps a code, upper-casing it. Returns `None` for the `---` style null codes.
    pub fn new(code: &str) -> Option<ActorCode> {
        let code = code.trim();
        if code.is_empty() || code.bytes().all(|b| b == b'-' || b == b'~') {
            return None;
        }
        Some(ActorCode(code.to_ascii_uppercase()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The ISO 3166 alpha-3 country the code starts with, if it starts with one.
    pub fn country(&self) -> Option<&str> {
        let head = self.0.get(..3)?;
        is_country(head).then_some(head)
    }

    /// The first 3-letter role segment (`GOV` in `IRNGOV`, `IGO` in `IGOUNO`).
    pub fn role(&self) -> Option<&str> {
        self.segments().find(|s| is_role(s))
    }

    /// The code cut into 3-letter segments.
    pub fn segments(&self) -> impl Iterator<Item = &str> {
        let s = self.0.as_str();
        (0..s.len() / 3).filter_map(move |i| s.get(i * 3..i * 3 + 3))
    }

    /// Whether this code starts with `prefix`, the matching rule of event references.
    pub fn starts_with(&self, prefix: &str) -> bool {
        self.0.starts_with(prefix)
    }
}

impl fmt::Display for ActorCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// CAMEO role and sector codes that follow a country code.
pub const ROLES: &[&str] = &[
    "GOV", "MIL", "REB", "OPP", "PTY", "COP", "JUD", "SPY", "MED", "EDU", "BUS", "CRM", "CVL", "ELI", "LAB", "LEG",
    "REF", "SET", "HLH", "AGR", "ENV", "IGO", "NGO", "NGM", "MNC", "UAF", "IRG", "INS", "HRI", "RAD", "MOD", "DEV",
    "REL", "SPL", "IMG", "RES", "ETH", "PPL",
];

pub fn is_role(s: &str) -> bool {
    ROLES.contains(&s)
}

/// ISO 3166-1 alpha-3 codes, plus `XKX` (Kosovo) as CAMEO uses it.
const COUNTRIES: &str = "ABW AFG AGO AIA ALA ALB AND ARE ARG ARM ASM ATA ATF ATG AUS AUT AZE \
BDI BEL BEN BES BFA BGD BGR BHR BHS BIH BLM BLR BLZ BMU BOL BRA BRB BRN BTN BVT BWA CAF CAN CCK \
CHE CHL CHN CIV CMR COD COG COK COL COM CPV CRI CUB CUW CXR CYM CYP CZE DEU DJI DMA DNK DOM DZA \
ECU EGY ERI ESH ESP EST ETH FIN FJI FLK FRA FRO FSM GAB GBR GEO GGY GHA GIB GIN GLP GMB GNB GNQ \
GRC GRD GRL GTM GUF GUM GUY HKG HMD HND HRV HTI HUN IDN IMN IND IOT IRL IRN IRQ ISL ISR ITA JAM \
JEY JOR JPN KAZ KEN KGZ KHM KIR KNA KOR KWT LAO LBN LBR LBY LCA LIE LKA LSO LTU LUX LVA MAC MAF \
MAR MCO MDA MDG MDV MEX MHL MKD MLI MLT MMR MNE MNG MNP MOZ MRT MSR MTQ MUS MWI MYS MYT NAM NCL \
NER NFK NGA NIC NIU NLD NOR NPL NRU NZL OMN PAK PAN PCN PER PHL PLW PNG POL PRI PRK PRT PRY PSE \
PYF QAT REU ROU RUS RWA SAU SDN SEN SGP SGS SHN SJM SLB SLE SLV SMR SOM SPM SRB SSD STP SUR SVK \
SVN SWE SWZ SXM SYC SYR TCA TCD TGO THA TJK TKL TKM TLS TON TTO TUN TUR TUV TWN TZA UGA UKR UMI \
URY USA UZB VAT VCT VEN VGB VIR VNM VUT WLF WSM XKX YEM ZAF ZMB ZWE";

/// Whether `s` is one of [`COUNTRIES`]: a binary search over its fixed-width, sorted slots
/// (called for every actor of every event, so not a scan).
pub fn is_country(s: &str) -> bool {
    const SLOT: usize = 4;
    let slots = COUNTRIES.len().div_ceil(SLOT);
    if s.len() != 3 {
        return false;
    }
    let (mut lo, mut hi) = (0, slots);
    while lo < hi {
        let mid = (lo + hi) / 2;
        match COUNTRIES[mid * SLOT..mid * SLOT + 3].cmp(s) {
            std::cmp::Ordering::Less => lo = mid + 1,
            std::cmp::Ordering::Greater => hi = mid,
            std::cmp::Ordering::Equal => return true,
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_country_and_role() {
        let c = ActorCode::new("irngov").unwrap();
        assert_eq!(c.as_str(), "IRNGOV");
        assert_eq!(c.country(), Some("IRN"));
        assert_eq!(c.role(), Some("GOV"));
        let igo = ActorCode::new("IGOUNO").unwrap();
        assert_eq!(igo.country(), None);
        assert_eq!(igo.role(), Some("IGO"));
        let reb = ActorCode::new("PSEREBHMS").unwrap();
        assert_eq!(reb.role(), Some("REB"));
        assert_eq!(ActorCode::new("USA").unwrap().role(), None);
    }

    #[test]
    fn the_country_table_is_sorted_in_fixed_width_slots() {
        let codes: Vec<&str> = COUNTRIES.split(' ').collect();
        assert!(codes.iter().all(|c| c.len() == 3 && c.bytes().all(|b| b.is_ascii_uppercase())), "{codes:?}");
        assert!(codes.windows(2).all(|w| w[0] < w[1]));
        for c in &codes {
            assert!(is_country(c), "{c}");
        }
        for not in ["AAA", "ZZZ", "IGO", "ARN", "usa", "US", "USAG"] {
            assert!(!is_country(not), "{not}");
        }
    }

    #[test]
    fn null_codes_are_none() {
        assert_eq!(ActorCode::new("---"), None);
        assert_eq!(ActorCode::new(""), None);
    }
}
