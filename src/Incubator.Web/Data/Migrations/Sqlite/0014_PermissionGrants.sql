-- Permissions became data: each role holds its permissions as role claims, which the recipes' Roles step sets.
-- A site set up before this keeps what its roles could do: they are granted the product's defaults.
WITH "Defaults" ("Role", "Permission") AS (
    VALUES ('Administrator', 'BackOffice'), ('Administrator', 'Staff'), ('Administrator', 'Administration'),
           ('Staff', 'BackOffice'), ('Staff', 'Staff'),
           ('Leader', 'BackOffice')
)
INSERT INTO "AspNetRoleClaims" ("RoleId", "ClaimType", "ClaimValue")
SELECT r."Id", 'incubator:permission', d."Permission"
FROM "AspNetRoles" AS r
JOIN "Defaults" AS d ON d."Role" = r."Name"
WHERE NOT EXISTS (SELECT 1 FROM "AspNetRoleClaims" AS c WHERE c."RoleId" = r."Id" AND c."ClaimType" = 'incubator:permission');
