-- The decision's signer: who signed an application's support decision (name and title), as the leader entered them.
ALTER TABLE "Applications" ADD "SignerName" TEXT NULL;
ALTER TABLE "Applications" ADD "SignerTitle" TEXT NULL;
