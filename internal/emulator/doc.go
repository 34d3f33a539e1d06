// Package emulator is an in-memory stand-in for the SailPoint Identity Security Cloud (ISC) REST API,
// limited to the operations the Terraform provider uses. It follows the contract in SailPoint's
// OpenAPI documents: the same paths, status codes, error bodies, server-owned fields,
// immutability rules, RFC 6902 patches, list paging, filters and sorters, 202-plus-task deletes,
// an OAuth2 client-credentials token endpoint with expiring tokens and a rate limit that, like
// ISC's, counts the requests of each client ID and API version in any RateWindow, whatever token
// or connection they come with; beyond Config.RateLimit it answers 429 with Retry-After.
//
// Every operation is served in both of ISC's path schemes (package apiversion), by one
// implementation: the per-resource paths SailPoint's SDKs use now (/sources/v1/{id}) and the
// year-versioned ones, frozen since June 2026 (/v2025/sources/{id}). Routes lists both; the
// request log, the stats and fault routes name the path a request used. For the rate limit, the
// per-resource paths form one version, v1, apart from v2025: ISC documents its limit per API
// version, not whether /sources/v1 and /transforms/v1 share one, and counting them together is
// the stricter reading.
//
// A Server is an http.Handler; run it with httptest.NewServer in tests or with cmd/isc-emulator.
// All state lives in memory behind one mutex. Time comes from Config.Now, and slow work (deletes)
// is evaluated lazily from timestamps, so the emulator starts no goroutines.
//
// # Operations
//
// Per operation, what the emulator models beyond the shapes of the contract, and, marked
// "silent", what it chose where the contract says nothing (the unknowns of NOTES.md). By
// resource path; each is served at /RESOURCE/v1/... and at /v2025/RESOURCE/..., such as
// GET /sources/v1/{id} and GET /v2025/sources/{id}:
//
//	POST   /oauth/token                   client_credentials from a form, the query or basic auth
//	GET    /sources                       filters and sorters of listSources; paged
//	POST   /sources[?provisionAsCsv=true] 201
//	GET    /sources/{id}                  PUT, PATCH, DELETE (202 + task)
//	GET    /sources/{id}/password-policies PATCH (application/json, the full list); paged
//	GET    /sources/{id}/schemas          POST; GET, PUT, PATCH, DELETE (204) .../{schemaId}
//	GET    /sources/{id}/schedules        POST; GET, PATCH, DELETE (204) .../{scheduleType}
//	GET    /sources/{id}/provisioning-policies  POST; GET, PUT, PATCH, DELETE (204) .../{usageType}
//	GET    /identity-profiles             POST; GET, PATCH, DELETE (202) .../{id}; paged
//	POST   /identity-profiles/identity-preview
//	GET    /identities                    GET .../{id}; paged
//	POST   /identities/process            202 + a task of Config.AggregationDelay
//	POST   /identities/{id}/synchronize-attributes  202 IdentitySyncJob; 429 within 10 s
//	GET    /transforms[?name=]            POST; GET, PUT, DELETE (204) .../{id}; paged
//	GET    /workgroups                    POST (200); GET, PATCH, DELETE (204) .../{id}; paged
//	GET    /workgroups/{id}/members       POST .../bulk-add, .../bulk-delete (207); paged (limit 50)
//	GET    /access-profiles               POST; GET, PATCH, DELETE (204) .../{id}; paged
//	GET    /roles                         POST; GET, PATCH, DELETE (204) .../{id}; paged (limit 50)
//	GET    /entitlements                  GET, PATCH .../{id}; GET, PUT .../{id}/entitlement-request-config;
//	                                      paged; entitlements come by aggregation, never by POST or DELETE
//	POST   /sources/{id}/load-entitlements  202 + a completed task
//	POST   /sources/{id}/load-accounts    202 + a task of Config.AggregationDelay
//	POST   /sources/{id}/connector/check-connection  200, SUCCESS or FAILURE
//	POST   /identity-profiles/{id}/process-identities  202 {}, no task
//	GET    /identity-attributes           POST; GET, PUT, DELETE (204) .../{name}; DELETE .../bulk-delete (204)
//	GET    /identity-profiles/{id}/lifecycle-states  POST; GET, PATCH, DELETE (202) .../{stateId}; paged
//	GET    /task-status/{id}
//
// Any other path that names an API version in either scheme gets ISC's 404 (after
// authentication, whatever the method); the token endpoint is not versioned.
//
// Across operations: lists take limit (0 to 250), offset and count (X-Total-Count) where the
// contract lists them, and the filters and sorters it names for the operation; string filters
// and sorting ignore case (silent), and an unknown field, operator or sorter is a 400 that names
// it. PATCH takes RFC 6902 as application/json-patch+json only. A PUT may omit server-owned
// fields, and only a sent value that differs is a change (400 for an immutable field); a PATCH
// add or replace that sets an immutable field to its current value is no change either.
// Date-times are instants:
// created and modified sent back in another RFC 3339 spelling (2025-06-01T12:00:24.810000+00:00
// or ...24.81Z for ...24.810Z) are unchanged. A PATCH that changes nothing keeps modified. Ids are
// 32-hex (identity profile ids too, though the contract says uuid). An object that does not
// exist is a 404 ErrorResponseDto, also where the contract declares no 404: creating a schema or
// schedule on a missing source (silent, as trap 38).
//
// Sources. Create fills id, created, modified and since, the connector information, type, class
// and features of the connector; resolves owner (an identity) and the optional references
// (cluster, correlation config and rules, management workgroup), filling their names, keeping
// unknown optional ids as sent (silent); names are unique ignoring case (silent). Connector
// attributes whose key, or an enclosing key, contains password, secret, private key or token
// come back as cipher text "2:ENC:..." (silent which keys); sending that cipher text back keeps
// it. A new source gets its account schema, and an active-directory or delimited-file source a
// CREATE provisioning policy (silent which connectors). provisionAsCsv=true makes a delimited-file
// source; one created without it is unhealthy (SOURCE_STATE_ERROR_SOURCE), as the contract warns
// it "won't correctly generate". authoritative is true while an identity profile uses the source;
// such a source cannot be deleted (400, silent). PUT replaces the whole source; id, type,
// authoritative, connector, connectorClass and passwordPolicies are immutable, and PATCH adds
// created and modified. DELETE answers 202 {type: TASK_RESULT, id} (name left out: the contract
// says it should be null, which its schema refuses); the source and its children stay readable
// until the task completes after Config.DeleteDelay, and a second DELETE meanwhile returns the
// same task.
//
// Password policies of a source: both operations answer 400 for a source without the PASSWORD
// feature; PATCH replaces the whole list, names the policies and defaults selectors to an empty
// identityAttr list; GET is paged.
//
// Schemas. The list takes include-types (group is the only value ISC recognises; include-names
// is then ignored) and include-names. Create requires name, unique on the source ignoring case
// (silent); attribute types are the AttributeDefinitionType enum; isGroup needs isEntitlement and
// a group schema on the source (one named group or of native type group, silent). PUT needs id in
// the body, equal to the path's; id, name, created and modified are immutable.
//
// Schedules are keyed by type: 400 for a type ISC does not have, 404 when the source has none of
// it; one per type. cronExpression must be a valid Quartz expression, as the provider checks it
// at plan time (package quartz): every field in its range, exactly one of day-of-month and
// day-of-week "?"; anything else is a 400 naming the field (silent what ISC refuses). No PUT;
// type is immutable.
//
// Provisioning policies are keyed by usage type, one per type; name is required (null allowed).
// transform and attributes default to {}; isRequired is computed, true when the field's
// attributes.cloudRequired is "true" or true (silent), and sent values and patches of it are
// ignored. A PUT or PATCH may not change usageType.
//
// Identity profiles. Create requires name (unique ignoring case, silent) and an authoritative
// source that exists and is not being deleted; a source is the authoritative source of at most
// one profile (silent). PATCH may not change authoritativeSource and identityAttributeConfig at
// once; id, created, modified, identityCount and identityRefreshRequired are immutable. DELETE
// answers 202 TaskResultSimplified; the profile is gone when the task completes, and the task is
// readable at /task-status/{id} (silent, trap 2).
//
// Identity preview evaluates the transform types accountAttribute, identityAttribute, static,
// lower, upper, trim, concat, firstValid, conditional (eq only), substring, replace, split,
// leftPad, rightPad, dateFormat (ISO8601, LDAP, PEOPLE_SOFT, the epoch formats and common Java
// pattern letters) and reference (a saved transform by name), nested up to 20 deep; any other
// type anywhere in the configuration is a 400 naming it (silent which types ISC previews). Each
// identity has one account on every source, whose attributes are its identity attributes, also
// under the names givenName, sn, mail, employeeNumber and sAMAccountName (silent). An attribute
// that fails (a source that does not exist, a date that does not parse) has no value and one
// error message; the answer also lists the identity's unmapped attributes, unchanged. An unknown
// identity is a 400, since the contract gives this operation no 404.
//
// Identities are read only: the generated fixtures (Config.Identities) and those of a snapshot,
// whose lastRefresh defaults to their modified time. defaultFilter=CORRELATED_ONLY, the default,
// hides uncorrelated identities.
//
// Transforms: the list's name parameter matches the whole name, ignoring case; names are unique
// ignoring case; the type must be one of the contract's enum (so join, which ISC documents but the
// enum lacks, is refused); only attributes may change in a PUT; a transform that an identity
// profile's attribute mapping uses as a saved transform (type reference, attributes.id its name)
// cannot be deleted (400), the only delete blocker NOTES.md evidences. Transforms carry no
// created or modified.
//
// Governance groups: name is required and unique ignoring case (silent); owner and description
// are optional and absent, never null, when unset (trap 41); only name, description and owner
// change; nothing blocks a delete (none is evidenced). Members are identities, in the order
// added; bulk-add answers 201 or 409 per identity, bulk-delete 204 or 404, and a bulk add of an
// identity that does not exist answers that item 404 (silent: the contract lists only 201 and
// 409); an item without id or of a type other than IDENTITY makes the request a 400. The fixture
// governance group "Source Admins" that sources may reference is not in the list (silent).
//
// Entitlements come only by aggregation (load-entitlements) and from snapshots (trap 45). An
// aggregation with a CSV file (multipart field "file") reads a header naming value (required),
// name, description, attribute (default: the account schema's first entitlement attribute, or
// memberOf) and type; without a body (as trap 49 advises for direct connections) the source
// gets the fixture groups Finance, Engineering, Sales, Help Desk and VPN Users, as DNs on ldap and
// active-directory sources (silent). The aggregated set replaces the source's entitlements: those
// found again (same attribute and value) keep their id and what a team set; a source's
// entitlements go with the source. The list with account-id is empty (no accounts).
// Each API version serves its own shape (trap 46): /v2025 D25's Entitlement, with privileged, and
// the per-resource paths DNEW's entitlementv2, with privilegeLevel {direct, setBy, setByType,
// inherited, effective} and tags instead. Both show one privilege, kept as levels: an aggregated
// entitlement's direct level is NONE, effective is the higher of direct and inherited, and v2025's
// privileged is true when the effective level is HIGH (silent). A patch may change only the paths
// its version lists as patchable: requestable, segments, owner, name, description,
// manuallyUpdatedFields, and privileged in v2025 or privilegeOverride/level in v1; any other,
// such as /privileged on v1 or /privilegeOverride/level on v2025, is a 400 naming the patchable
// fields (silent: the contract only lists them). A v1 override sets the direct level (one of
// HIGH, MEDIUM, LOW, NONE, else a 400) with setByType OVERRIDE and setBy the admin identity's id
// (silent); a v2025 patch of privileged is an override to HIGH (true) or NONE (false) (silent).
// A snapshot may give either shape: privileged true loads as a HIGH override set by
// SAILPOINT_MIGRATION, as the contract's example shows ISC migrated the flag. The v1 list also
// filters on tags and privilegeLevel.direct (eq) and has no account-id; searchAfter is not
// served. The owner must be an identity that exists; manuallyUpdatedFields takes only
// DISPLAY_NAME and DESCRIPTION, and an aggregation keeps the name and description marked true in
// it (else it overwrites them). The request config is the contract's "default config" (no
// approval, no comments, empty revocation) until a PUT replaces it; a part a PUT leaves out is the
// default's (silent); approvers are checked as for access profiles with the entitlement's approver
// types, GOVERNANCE_GROUP and WORKFLOW need an approverId, and a WORKFLOW approves alone (400;
// "Workflows are exclusive to other types of approvals").
//
// Access profiles: names unique ignoring case (silent); owner and source required; each
// entitlement must exist, be of the profile's source and be listed once (400, NOTES.md B.14); a
// patch that changes the source without the entitlements is a 400 (trap 35); enabled needs an
// entitlement; requestable defaults to true; a GOVERNANCE_GROUP approver must be a governance
// group (silent). A delete while a role or a lifecycle state grants the profile is a 400 with
// detailCode 400.2.1.0 Object in use by another (NOTES.md B.14).
//
// Roles: name required, at most 128 characters, unique ignoring case (silent); owner required; the
// access profiles and entitlements must exist and be listed once (400; silent which status), and
// get their type and name filled in. Membership is STANDARD with criteria or IDENTITY_LIST with
// identities (the other member empty), within trap 39: three levels at most, leaves included; AND
// and OR alternate; a test (EQUALS ... ENDS_WITH) needs key and stringValue, a comparison
// (GREATER_THAN ...) a key; key.sourceId is required for ACCOUNT and ENTITLEMENT keys and must be
// a source (silent); listed identities must exist and get their name and alias; a PATCH may add
// and remove at most 500 listed identities in all. accessModelMetadata must be null or empty on
// create. Approver types are those of ApprovalSchemeForRole, and a GOVERNANCE_GROUP approver must
// exist (silent). PATCH may not change dimensional, dimensionRefs, privilegeLevel or
// legacyMembershipInfo, which the contract does not list as patchable. requestable and dimensional
// default to false; accessRequestConfig and revocationRequestConfig are left out, never null,
// when unset (trap 41). Nothing blocks a role's delete (the contract states nothing); bulk delete
// is not served.
//
// Identity attributes are keyed by name, exactly as written in the path; names are unique
// ignoring case (silent) and may not contain "/" (silent). The list is never paged (count is
// honoured); it leaves out system attributes unless includeSystem=true, and includeSilent
// changes nothing, since nothing marks an attribute silent (silent). A missing displayName is the
// name, sources default to [] and a source's properties to {} (silent). A PUT replaces the whole
// attribute and may not change name or system. system is ISC's: a create's value is ignored, so
// only a snapshot holds system attributes, and those cannot be changed at all ("isn't
// configurable"; silent what ISC answers). searchable with system, standard or multi is a 400, as
// are deletes of system or standard attributes and of attributes an identity profile maps (by
// exact name), the blockers the contract states; a bulk delete is all or nothing (silent). The
// emulator starts without the standard attributes a real tenant has: a snapshot brings them.
//
// Lifecycle states belong to their identity profile: the other profile's paths do not reach them,
// a missing profile is a 404 on every operation (list and create declare none, as trap 38), and
// they go with the profile once its delete completes (silent). name and technicalName are
// required, technicalName unique in the profile ignoring case (silent). A new profile gets no
// states: the contract's tag text says ISC comes with Active and Inactive states, not that the
// API gives them to each new profile (silent). Defaults fill emailNotificationOption,
// accessActionConfiguration, accountActions and accessProfileIds; priority stays null (silent).
// PATCH may change only the seven fields the contract lists: name, technicalName and
// identityState, which it does not list, are refused like id, created, modified and identityCount.
//
// A source's settings (NOTES.md B.22–B.25) are documents of the source that go with it; a source
// that does not exist is a 404, also on the entitlement request config, which declares none (as
// trap 38). Correlation: a new source gets its connector's template, EQ pairs of uid with
// sAMAccountName and email with mail on active-directory, none on the others (trap 60; silent
// which connectors have which); a PUT keeps the config's own id and name
// (silent), needs property and value in every pair, only EQ and the three match modes, and
// stores null pairs as none (silent). Native change detection: a source has none until a PUT, and
// a GET or DELETE of none is a 404 (silent: trap 61); null lists are stored as []. Attribute
// sync is experimental: without X-SailPoint-Experimental its operations are a 400 (silent what
// ISC answers). Its list is derived from the source's CREATE policy, one entry per field whose
// transform is identityAttribute (DOC), displayName from the identity attribute when it exists,
// every entry disabled at first (silent); a PUT changes only enabled: an entry ISC does not list,
// or one with another target or displayName, is a 400 (as the contract says; the status is
// silent), and entries left out keep their state (silent). Entitlement request config: a new
// source has the contract's default config; approver types are the entitlement set, a
// GOVERNANCE_GROUP or WORKFLOW approver needs its id, a governance group must exist and a
// workflow must be alone (B.25); a PUT without revocationRequestConfig clears it (silent).
//
// Peek answers at once: accounts are the correlated fixture identities, each with the source's
// account schema attributes that an identity attribute of the same name fills, plus a value for
// every schema attribute of a secret's name (nothing says ISC masks them: trap 64); groups are
// those an aggregation without a file loads; any other object type has no objects (silent), and
// maxCount below 1 is a 400 (silent). The connector source config answers the connector's form
// with an empty sourceConfig and the correlation template of the pairs above (silent).
// An account action takes sourceIds (sources that exist and have the ENABLE feature or are
// flat-file sources) or allSources, never sourceIds with excludeSourceIds; excluded sources must
// exist (silent), and ids may not repeat. Access profile ids are not checked (access profiles are
// not modelled). The list is paged and sorts by name, priority, created and modified. DELETE
// answers 202 {type: LIFECYCLE_STATE, id, name} with the state's own id and no task (silent which
// of the two types ISC answers); the state stays readable until Config.DeleteDelay has passed.
//
// Source actions. An account aggregation (load-accounts, with no body or a multipart one: file,
// disableOptimization) answers 202 LoadAccountsTask and runs for Config.AggregationDelay; it finds
// no accounts, since the emulator does not model them (silent). Its task ends in ERROR, with one
// message as ISC words it, for a source that cannot be reached, for a delimited-file source
// without a file (the contract says the file "needs to be included"; silent how ISC fails), and
// while another aggregation of the source runs (the contract's example message); the request
// itself is accepted (silent). A source cannot be reached when a connector attribute names a host
// under .invalid (RFC 2606), as a host name, host:port or URL: so tests and demos choose the
// failure by configuration. check-connection answers 200 with status SUCCESS, or FAILURE and the
// message in details.error for such a source (trap 51; silent what details hold).
// process-identities answers 202 with an empty object and no task (trap 43) and clears the
// profile's identityRefreshRequired (silent).
//
// Identity actions (NOTES.md B.27) need X-SailPoint-Experimental (trap 57; a 400 without it,
// silent what ISC answers) and identities that exist (404). Processing takes 1 to 250
// identityIds (none is a 400, silent: the contract does not require them) and answers 202
// {type: TASK_RESULT, id}, name left out (trap 68), with a task readable at /task-status/{id}
// (silent: unknown whether ISC's is) that runs for Config.AggregationDelay. Synchronizing an
// identity's attributes answers 202 IdentitySyncJob with status QUEUED and payload.dataJson
// {"identityId": ...} as a string; a second request for the same identity within 10 seconds
// is a 429 with the seconds left as Retry-After (silent: the contract only says "once in 10
// seconds per identity", trap 67). An identity whose processingState is ERROR (the fixtures
// with i%25 == 13) fails both: its processing task ends in ERROR with a message naming it, its
// synchronization job has status ERROR (silent), so tests choose the failure by the identity.
// Reset and invite are not served: the provider does not expose them (traps 66 and 69).
//
// Task status: the tasks of source and identity profile deletes, of aggregations and of
// identity processing, whose
// progress follows the clock; completionStatus is SUCCESS once done, or ERROR with the task's
// messages.
//
// # Contract
//
// Tests put every request and answer of the emulator through package contract, which checks
// them against SailPoint's OpenAPI documents (answers made up by faults aside);
// TestOperationsServed lists the operations of the contract the emulator does not serve yet.
//
// # Admin API
//
// Under /__emulator/, without authentication and not recorded in the request log:
//
//	POST   /__emulator/reset     back to the fixtures: drops created objects, tasks, faults, the
//	                             request log, stats and rate-limit windows (issued tokens stay valid)
//	GET    /__emulator/requests  the request log, a JSON array of Request
//	DELETE /__emulator/requests  clears the request log and the stats
//	GET    /__emulator/stats     Stats
//	GET    /__emulator/fixtures  the fixture objects sources may reference, as FixtureObject
//	POST   /__emulator/faults    inject a Fault (JSON body); GET lists the faults not used up,
//	                             DELETE removes them all
//	POST   /__emulator/tokens/expire  every issued token expires now (the next call gets a 401)
//	POST   /__emulator/tokens/revoke  every issued token becomes invalid (the next call gets a 401);
//	                             the client's rate-limit windows stay
//
// The Server methods Reset, Requests, ClearRequests, Stats, InjectFault, Faults, ClearFaults,
// ExpireTokens and RevokeTokens do the same in process; IssuedTokens lists every access token
// handed out, so tests can prove none of them leaks.
//
// # Faults
//
// A Fault makes chosen API requests misbehave: answer 429 with Retry-After, 500, 502, 503 or any
// other error status, wait before answering, never answer until the client gives up (hang), drop
// the connection before acting on the request, or act on it and drop the connection instead of
// answering (drop-after-commit); it can also revoke every token. It selects requests by route, method or both, and fires on the next Count of them
// or on a seeded random Fraction. Each request that got a fault carries its kind in the request
// log (Request.Fault), Stats.Faults counts them by kind, and an answer a fault made up carries
// its kind in the header FaultHeader (X-Emulator-Fault). ParseFault reads the compact form
// that cmd/isc-emulator's -fault flag takes.
//
// # Fixtures
//
// Clusters, a governance group, rules, an account correlation config and password policies have
// the ids of the exported constants (CorporateClusterID, ...). Identities are generated
// deterministically, Config.Identities of them: FixtureIdentityID(i) is the id of the i-th, and
// identity 0 is the admin (AdminIdentityID, AdminIdentityName, AdminIdentityAlias,
// AdminIdentityEmail). FixtureIdentityID documents the managers, lifecycle states and flags.
//
// # Snapshots
//
// Config.Snapshot starts the Server with a whole tenant: sources with their schemas, schedules and
// provisioning policies, identity profiles and identities, in ISC's JSON documents (see Snapshot).
// It also holds transforms, identity attributes and the lifecycle states of each profile.
// ReadSnapshot reads and checks one; cmd/isc-emulator loads one with -fixture FILE. Reset returns
// to the snapshot. The repository ships examples/tenant-snapshot/snapshot.json.
package emulator
