-- How screening judged each payment, which its reply reports (and reports again to a repeated command): the model,
-- its score and threshold, and whether it decided. Null for a payment that was not screened.
ALTER TABLE payments
    ADD COLUMN screening_model     VARCHAR(64),
    ADD COLUMN screening_score     DOUBLE PRECISION CHECK (screening_score BETWEEN 0 AND 1),
    ADD COLUMN screening_threshold DOUBLE PRECISION CHECK (screening_threshold > 0 AND screening_threshold <= 1),
    ADD COLUMN screening_mode      VARCHAR(8) CHECK (screening_mode IN ('SHADOW', 'ENFORCE')),
    ADD CONSTRAINT payments_screening_whole CHECK (
        (screening_model IS NULL) = (screening_score IS NULL)
        AND (screening_model IS NULL) = (screening_threshold IS NULL)
        AND (screening_model IS NULL) = (screening_mode IS NULL));
