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
// By resource path; each is served at /RESOURCE/v1/... and at /v2025/RESOURCE/..., such as
// GET /sources/v1/{id} and GET /v2025/sources/{id}:
//
//	POST   /oauth/token                                 client_credentials (form, query or basic auth)
//	GET    /sources                                     POST /sources[?provisionAsCsv=true]
//	GET    /sources/{id}                                PUT, PATCH, DELETE (202 + task)
//	GET    /sources/{id}/password-policies              PATCH (application/json, the full list)
//	GET    /sources/{id}/schemas                        POST; GET, PUT, PATCH, DELETE .../{schemaId}
//	GET    /sources/{id}/schedules                      POST; GET, PATCH, DELETE .../{scheduleType}
//	GET    /sources/{id}/provisioning-policies          POST; GET, PUT, PATCH, DELETE .../{usageType}
//	GET    /identity-profiles                           POST; GET, PATCH, DELETE (202) .../{id}
//	POST   /identity-profiles/identity-preview
//	GET    /identities                                  GET .../{id}
//	GET    /transforms[?name=]                          POST; GET, PUT, DELETE (204) .../{id}
//	GET    /identity-attributes                         POST; GET, PUT, DELETE (204) .../{name}; DELETE .../bulk-delete
//	GET    /identity-profiles/{id}/lifecycle-states     POST; GET, PATCH, DELETE (202) .../{stateId}
//	GET    /task-status/{id}
//
// Any other path that names an API version in either scheme gets ISC's 404 (after
// authentication, whatever the method); the token endpoint is not versioned.
//
// # Choices where the contract leaves room
//
//   - Transforms: the list's name parameter matches the whole name, ignoring case; names are
//     unique ignoring case; the type must be one of the contract's enum (so join, which ISC
//     documents but the enum lacks, is refused); a transform that an identity profile's attribute
//     mapping uses as a saved transform (type reference, attributes.id its name) cannot be deleted
//     (400), the only delete blocker NOTES.md evidences. Transforms carry no created or modified.
//   - String filters (eq, ne, in, sw, co, gt...) ignore case; so does sorting by a string.
//   - A source name, a schema name on its source and an identity profile name must be unique
//     (ignoring case); a source is the authoritative source of at most one identity profile, and a
//     source an identity profile uses cannot be deleted (400).
//   - Connector attributes whose key, or an enclosing key, contains password, secret, private key
//     or token are returned as cipher text "2:ENC:..."; sending that cipher text back keeps it.
//   - The password-policies operations answer 400 for a source without the PASSWORD feature.
//   - A schedule's cronExpression must be a valid Quartz cron expression, as the provider checks
//     it at plan time (package quartz): every field in its range, exactly one of day-of-month and
//     day-of-week "?". Anything else is a 400 that names the field at fault.
//   - A new active-directory or delimited-file source gets a CREATE provisioning policy; every
//     source gets its account schema. A delimited-file source created without provisionAsCsv=true
//     is not generated correctly: it is unhealthy (SOURCE_STATE_ERROR_SOURCE).
//   - FieldDetailsDto.isRequired is computed: true when the field's attributes.cloudRequired is
//     "true" (or true). Sent values and patches of it are ignored.
//   - A PUT may omit server-owned fields; only a sent value that differs is a change (400 for
//     immutable ones). So is a PATCH add or replace that sets an immutable field to its value.
//     Date-times are instants: created and modified sent back in another RFC 3339 spelling
//     (2025-06-01T12:00:24.810000+00:00 or ...24.81Z for ...24.810Z) are unchanged, in a PUT, a
//     replace or a test. A PATCH that changes nothing keeps modified.
//   - Identity preview evaluates the transform types accountAttribute, identityAttribute, static,
//     lower, upper, trim, concat, firstValid, conditional (eq only), substring, replace, split,
//     leftPad, rightPad, dateFormat (ISO8601, LDAP, PEOPLE_SOFT, the epoch formats and common
//     Java pattern letters) and reference (a saved transform by name), nested to any depth up to
//     20; any other type anywhere in the configuration is a 400 naming it. Each identity has one
//     account on every source, whose attributes are its identity attributes, also under the names
//     givenName, sn, mail, employeeNumber and sAMAccountName. An attribute that fails (a source
//     that does not exist, a date that does not parse) has no value and one error message; the
//     answer also lists the identity's unmapped attributes, unchanged. An unknown identity is a
//     400, since the contract gives this operation no 404.
//   - Identity profile ids are 32-hex like every other id. The profile delete task, like a source
//     delete task, is readable at /task-status/{id}.
//
// # Identity attributes and lifecycle states: choices where the contract leaves room
//
//   - Identity attributes are keyed by name, exactly as written in the path; names are unique
//     ignoring case and may not contain "/". A PUT may not change the name (nor system). The list
//     is never paged (count is honoured); includeSilent is accepted and changes nothing, since
//     nothing marks an attribute silent. A missing displayName is the name; sources default to
//     [] and a source's properties to {}. system is ISC's: a create's value is ignored, so only
//     a snapshot holds system attributes, and those cannot be changed at all ("isn't
//     configurable"). searchable with system, standard or multi is a 400, as are deletes of
//     system or standard attributes and of attributes an identity profile maps (matched by
//     exact name), the blockers the contract states; a bulk delete is all or nothing. The
//     emulator starts without the standard attributes a real tenant has: a snapshot brings them.
//   - Lifecycle states belong to their identity profile: the other profile's paths do not reach
//     them, a missing profile is a 404 on every operation (the contract declares none for list
//     and create, as trap 38), and they are deleted with the profile once its delete completes.
//     technicalName is unique per profile, ignoring case. A PATCH may change only the seven
//     fields ISC lists as updatable: name, technicalName and identityState, which it does not
//     list, are refused like the server's fields. name and technicalName are required. A new
//     profile gets no states: the contract's tag text says ISC comes with Active and Inactive
//     states, not that the API gives them to each new profile. Defaults fill
//     emailNotificationOption, accessActionConfiguration, accountActions and accessProfileIds;
//     priority stays null. An account action takes sourceIds (sources that exist and have the
//     ENABLE feature or are flat-file sources) or allSources, optionally with excludeSourceIds
//     of existing sources; ids may not repeat. Access profile ids are not checked (access
//     profiles are not modelled). DELETE answers 202 {type: LIFECYCLE_STATE, id, name} with the
//     state's own id and no task; the state stays readable until Config.DeleteDelay has passed.
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
// log (Request.Fault), and Stats.Faults counts them by kind. ParseFault reads the compact form
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
