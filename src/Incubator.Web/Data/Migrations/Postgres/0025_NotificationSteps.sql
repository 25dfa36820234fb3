-- Notifications name the workflow step they are about, in Vietnamese and English, so a notice reads in the reader's
-- language; notices written before have none.
ALTER TABLE "Notifications" ADD "StepEn" character varying(300);

ALTER TABLE "Notifications" ADD "StepVi" character varying(300);
