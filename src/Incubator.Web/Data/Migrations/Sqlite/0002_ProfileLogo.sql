-- Directory profiles get a logo (or portrait) image, stored by MediaStore under a generated name.
ALTER TABLE "Startups" ADD "Logo" TEXT NULL;
ALTER TABLE "Enterprises" ADD "Logo" TEXT NULL;
ALTER TABLE "Mentors" ADD "Logo" TEXT NULL;
ALTER TABLE "Organisations" ADD "Logo" TEXT NULL;
