-- Cohorts: a file as evidence of a member's milestone (its stored name in the attachments folder, name, type and size).
ALTER TABLE "MemberMilestones" ADD "EvidenceFile" character varying(64);

ALTER TABLE "MemberMilestones" ADD "EvidenceFileName" character varying(120);

ALTER TABLE "MemberMilestones" ADD "EvidenceFileSize" bigint;

ALTER TABLE "MemberMilestones" ADD "EvidenceFileType" character varying(128);
