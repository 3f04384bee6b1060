-- Version 3: running tallies of the answer log by exam, domain, task and set
-- of services, kept in step with `answers` by triggers, so that all-time
-- figures are read from a few hundred rows instead of summed over every answer.
CREATE TABLE answer_tallies (
    exam     TEXT NOT NULL,
    domain   INTEGER NOT NULL,
    task     TEXT NOT NULL,
    services TEXT NOT NULL,
    correct  INTEGER NOT NULL,
    total    INTEGER NOT NULL,
    answered INTEGER NOT NULL,
    PRIMARY KEY (exam, domain, task, services)
) STRICT;

INSERT INTO answer_tallies (exam, domain, task, services, correct, total, answered)
SELECT exam, domain, task, services, sum(correct), count(*), sum(response IS NOT NULL)
FROM answers GROUP BY exam, domain, task, services;

CREATE TRIGGER answers_tally_insert AFTER INSERT ON answers BEGIN
    INSERT INTO answer_tallies (exam, domain, task, services, correct, total, answered)
    VALUES (NEW.exam, NEW.domain, NEW.task, NEW.services, NEW.correct, 1, NEW.response IS NOT NULL)
    ON CONFLICT (exam, domain, task, services) DO UPDATE SET
        correct = correct + excluded.correct,
        total = total + 1,
        answered = answered + excluded.answered;
END;

CREATE TRIGGER answers_tally_delete AFTER DELETE ON answers BEGIN
    UPDATE answer_tallies SET
        correct = correct - OLD.correct,
        total = total - 1,
        answered = answered - (OLD.response IS NOT NULL)
    WHERE exam = OLD.exam AND domain = OLD.domain AND task = OLD.task AND services = OLD.services;
END;
