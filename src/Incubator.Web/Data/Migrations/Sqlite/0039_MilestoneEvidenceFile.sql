-- Cohorts: a file as evidence of a member's milestone (its stored name in the attachments folder, name, type and size).
ALTER TABLE "MemberMilestones" ADD "EvidenceFile" TEXT NULL;

ALTER TABLE "MemberMilestones" ADD "EvidenceFileName" TEXT NULL;

ALTER TABLE "MemberMilestones" ADD "EvidenceFileSize" INTEGER NULL;

ALTER TABLE "MemberMilestones" ADD "EvidenceFileType" TEXT NULL;
