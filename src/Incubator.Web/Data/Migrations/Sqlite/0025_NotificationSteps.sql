-- Notifications name the workflow step they are about, in Vietnamese and English, so a notice reads in the reader's
-- language; notices written before have none.
ALTER TABLE "Notifications" ADD "StepEn" TEXT NULL;

ALTER TABLE "Notifications" ADD "StepVi" TEXT NULL;
