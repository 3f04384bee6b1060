//! Choosing the exam to work on when the loaded banks define several: the
//! one asked for (`--exam`), else the one used last, else the first loaded
//! (the embedded MLA-C01 bank).

use super::load::{Library, Pool};

impl Library {
    /// The codes of the loaded exams, in load order (embedded banks first).
    pub fn exam_codes(&self) -> Vec<String> {
        self.blueprints().map(|b| b.code.clone()).collect()
    }

    /// The pool of the exam `requested`, or else of `remembered` when it is
    /// still loaded, or else of the first loaded exam.
    pub fn choose_pool(&self, requested: Option<&str>, remembered: Option<&str>) -> Result<Pool, String> {
        if let Some(code) = requested {
            return self.pool(code).ok_or_else(|| {
                format!(
                    "no loaded bank has the exam {code:?}; the loaded exams are {} (add a bank folder with --bank DIR)",
                    self.exam_codes().join(", ")
                )
            });
        }
        remembered
            .and_then(|code| self.pool(code))
            .or_else(|| self.default_pool())
            .ok_or_else(|| "no loaded bank has an exam blueprint; run `mla-quiz bank validate` to see why".into())
    }
}

#[cfg(test)]
mod tests {
    use crate::bank::{BankSource, Library, Origin};

    fn library() -> Library {
        let manifest = r#"{"format": 1, "id": "other", "title": "Other", "version": "1", "relaxed": true,
            "blueprint": {"code": "OTH-01", "name": "Other exam", "questions": 1, "minutes": 2,
            "scale": {"min": 100, "max": 1000, "pass": 720},
            "domains": [{"id": 1, "name": "All", "weight": 100, "tasks": [{"id": "1.1", "name": "All"}]}]}}"#;
        let questions = r#"{"questions": [{"id": "oth-1", "domain": 1, "type": "single", "stem": "S?",
            "options": [{"text": "a", "correct": true}, {"text": "b", "correct": false}]}]}"#;
        let mut sources = BankSource::embedded();
        let files = vec![("bank.json".into(), manifest.into()), ("q.json".into(), questions.into())];
        sources.push(BankSource::from_texts(Origin::Folder("other".into()), "other", files));
        Library::from_sources(sources)
    }

    #[test]
    fn asked_for_then_remembered_then_first() {
        let library = library();
        assert_eq!(library.exam_codes(), ["MLA-C01", "OTH-01"]);
        let code = |requested, remembered| library.choose_pool(requested, remembered).map(|p| p.blueprint.code);
        assert_eq!(code(Some("oth-01"), Some("MLA-C01")), Ok("OTH-01".into()));
        assert_eq!(code(None, Some("OTH-01")), Ok("OTH-01".into()));
        assert_eq!(code(None, Some("GONE-01")), Ok("MLA-C01".into()));
        assert_eq!(code(None, None), Ok("MLA-C01".into()));
        let err = code(Some("NOPE"), None).err().unwrap_or_default();
        assert!(err.contains("the loaded exams are MLA-C01, OTH-01"), "{err}");
    }
}
