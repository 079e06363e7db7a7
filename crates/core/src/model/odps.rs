//! The Open Data Product Standard (v0.9.0, v1.0.0 and v1.1.0), as Charter models it.
//!
//! One model serves every version, as for ODCS: each field and version-specific required
//! key carries the versions it belongs to (`since`/`until`, indexes into
//! [`super::ODPS_VERSIONS`]). Written by us from the standard's facts; conformance with each
//! official JSON Schema is proven by `crates/core/tests/conformance.rs`.
//!
//! What changed, in short:
//! - v1.0.0 makes `team` an object (a list of members in v0.9.0), lets input and output
//!   ports carry tags, custom properties and authoritative definitions, requires a team
//!   member's `username`, and no longer restricts an authoritative definition's `type`.
//! - v1.1.0 (released 2026-09-08) no longer requires `status`; ports need only a `name`
//!   (an input port's `version` and `contractId`, an output port's `version` are optional);
//!   adds the product's `type`, `context`, `synonyms` and `deprecated`, the output ports'
//!   `context` and `synonyms`, `deprecated` on every port, tags, custom properties and
//!   authoritative definitions on SBOM entries (whose `url` becomes optional), `vendor` on
//!   custom properties, and an optional `id` on every list item.

use super::{
    f, Field, Fmt, Model, ObjSpec, Ty, CURRENT, MEMBER_DATE_IN, MEMBER_DATE_OUT,
    MEMBER_DESCRIPTION, MEMBER_NAME, MEMBER_REPLACED_BY, MEMBER_ROLE, MEMBER_USERNAME,
    ODPS_VERSIONS, V1_0_0, V1_1_0,
};

/// The version new manifests declare.
pub const LATEST: &str = "v1.1.0";

/// ODPS v0.9.0 to v1.1.0.
pub static MODEL: Model = Model {
    standard: "ODPS",
    versions: &ODPS_VERSIONS,
    root: &ROOT,
};

const URI: Ty = Ty::Formatted(Fmt::Uri);

/// The optional `id` v1.1.0 gives every list item.
const ID: Field = f(
    "id",
    Ty::Str,
    "Stable id of this item, for references that survive renames.",
)
.since(V1_1_0);
const TAGS: Field = f("tags", Ty::List(&Ty::Str), "Tags.");
const CUSTOM: Field = f(
    "customProperties",
    Ty::List(&CUSTOM_PROPERTY_TY),
    "Custom properties not covered by the standard.",
);
const DEPRECATED: Field = f(
    "deprecated",
    Ty::Bool,
    "Whether this is deprecated: new implementations should not use it.",
)
.since(V1_1_0);

static CUSTOM_PROPERTY: ObjSpec = ObjSpec::closed(
    "custom property",
    &[
        ID,
        f(
            "property",
            Ty::Str,
            "Name of the custom property, in camelCase.",
        ),
        f("value", Ty::Any, "Value of the custom property."),
        f("description", Ty::Str, "What the custom property means."),
        f(
            "vendor",
            Ty::Str,
            "Vendor or system the property belongs to, e.g. atlan or soda.",
        )
        .since(V1_1_0),
    ],
    &["property", "value"],
);
static CUSTOM_PROPERTY_TY: Ty = Ty::Obj(&CUSTOM_PROPERTY);

const AUTH_DEF_TYPES_V0_9: &[&str] = &[
    "businessDefinition",
    "transformationImplementation",
    "videoTutorial",
    "tutorial",
    "implementation",
];
static AUTH_DEF: ObjSpec = ObjSpec::closed(
    "authoritative definition",
    &[
        ID,
        f(
            "type",
            Ty::Enum(AUTH_DEF_TYPES_V0_9),
            "Kind of definition: businessDefinition, transformationImplementation, videoTutorial, tutorial or implementation.",
        )
        .until(V1_0_0),
        f(
            "type",
            Ty::Str,
            "Kind of definition, e.g. businessDefinition, glossary, ontology or tutorial.",
        )
        .since(V1_0_0),
        f("url", URI, "Where the definition lives."),
        f("description", Ty::Str, "What the link points to."),
    ],
    &["type", "url"],
);
static AUTH_DEF_TY: Ty = Ty::Obj(&AUTH_DEF);
const AUTH_DEFS: Field = f(
    "authoritativeDefinitions",
    Ty::List(&AUTH_DEF_TY),
    "Links to authoritative definitions.",
);

super::synonym_object!(ID, CUSTOM);
const SYNONYMS: Field = f(
    "synonyms",
    Ty::List(&SYNONYM_TY),
    "Other names, for catalogues and natural-language tools.",
)
.since(V1_1_0);
super::context_objects!(AUTH_DEFS, TAGS, CUSTOM);
const CONTEXT_FIELD: Field = f(
    "context",
    Ty::Obj(&CONTEXT),
    "Context for people and AI agents: instructions, verified statements, constraints.",
)
.since(V1_1_0);

/// Tags, custom properties and authoritative definitions, which most objects take.
const TAGS_SINCE_1: Field = TAGS.since(V1_0_0);
const CUSTOM_SINCE_1: Field = CUSTOM.since(V1_0_0);
const AUTH_DEFS_SINCE_1: Field = AUTH_DEFS.since(V1_0_0);

static SBOM: ObjSpec = ObjSpec::closed(
    "SBOM",
    &[
        ID,
        f("type", Ty::Str, "Kind of bill of materials, e.g. external."),
        f("url", URI, "Where the software bill of materials is."),
        TAGS.since(V1_1_0),
        CUSTOM.since(V1_1_0),
        AUTH_DEFS.since(V1_1_0),
    ],
    &[],
)
.required_in(&[("url", 0, V1_1_0)]);
static SBOM_TY: Ty = Ty::Obj(&SBOM);

static INPUT_CONTRACT: ObjSpec = ObjSpec::closed(
    "input contract",
    &[
        f(
            "id",
            Ty::Str,
            "Id of a contract this output is derived from.",
        ),
        f("version", Ty::Str, "Version of that contract."),
    ],
    &["id", "version"],
);
static INPUT_CONTRACT_TY: Ty = Ty::Obj(&INPUT_CONTRACT);

const PORT_NAME: Field = f("name", Ty::Str, "Name of the port.");
const CONTRACT_ID: Field = f(
    "contractId",
    Ty::Str,
    "Id of the data contract this port serves or reads.",
);

static INPUT_PORT: ObjSpec = ObjSpec::closed(
    "input port",
    &[
        DEPRECATED,
        ID,
        PORT_NAME,
        f(
            "version",
            Ty::Str,
            "Version of the contract the port reads.",
        ),
        CONTRACT_ID,
        TAGS_SINCE_1,
        CUSTOM_SINCE_1,
        AUTH_DEFS_SINCE_1,
    ],
    &["name"],
)
.required_in(&[("version", 0, V1_1_0), ("contractId", 0, V1_1_0)]);
static INPUT_PORT_TY: Ty = Ty::Obj(&INPUT_PORT);

static OUTPUT_PORT: ObjSpec = ObjSpec::closed(
    "output port",
    &[
        DEPRECATED,
        ID,
        PORT_NAME,
        f("description", Ty::Str, "What the port offers."),
        f("type", Ty::Str, "Kind of port, e.g. tables or topic."),
        f(
            "version",
            Ty::Str,
            "Version of the port; name and version identify it.",
        ),
        CONTRACT_ID,
        f("sbom", Ty::List(&SBOM_TY), "Software bills of materials."),
        f(
            "inputContracts",
            Ty::List(&INPUT_CONTRACT_TY),
            "Contracts this output is derived from.",
        ),
        SYNONYMS,
        TAGS_SINCE_1,
        CUSTOM_SINCE_1,
        AUTH_DEFS_SINCE_1,
        CONTEXT_FIELD,
    ],
    &["name"],
)
.required_in(&[("version", 0, V1_1_0)]);
static OUTPUT_PORT_TY: Ty = Ty::Obj(&OUTPUT_PORT);

static MANAGEMENT_PORT: ObjSpec = ObjSpec::closed(
    "management port",
    &[
        DEPRECATED,
        ID,
        PORT_NAME,
        f(
            "content",
            Ty::Str,
            "What the port is for: discoverability, observability, control, dictionary.",
        ),
        f("type", Ty::Str, "Kind of port: rest or topic."),
        f("url", URI, "Where the port is."),
        f("channel", Ty::Str, "Channel of the port."),
        f("description", Ty::Str, "What the port offers."),
        TAGS,
        CUSTOM,
        AUTH_DEFS,
    ],
    &["name", "content"],
);
static MANAGEMENT_PORT_TY: Ty = Ty::Obj(&MANAGEMENT_PORT);

static SUPPORT: ObjSpec = ObjSpec::closed(
    "support channel",
    &[
        ID,
        f(
            "channel",
            Ty::Str,
            "Name of the channel, e.g. #orders-help.",
        ),
        f("url", URI, "Link to the channel (https, mailto...)."),
        f("description", Ty::Str, "What the channel is for."),
        f(
            "tool",
            Ty::Str,
            "Tool: email, slack, teams, discord, ticket, other.",
        ),
        f(
            "scope",
            Ty::Str,
            "Scope: interactive, announcements, issues.",
        ),
        f("invitationUrl", URI, "Link to join the channel."),
        TAGS,
        CUSTOM,
        AUTH_DEFS,
    ],
    &["channel", "url"],
);
static SUPPORT_TY: Ty = Ty::Obj(&SUPPORT);

static DESCRIPTION: ObjSpec = ObjSpec::closed(
    "description",
    &[
        f("purpose", Ty::Str, "Why the product exists."),
        f("limitations", Ty::Str, "What it can't be used for."),
        f("usage", Ty::Str, "How it should be used."),
        AUTH_DEFS,
        CUSTOM,
    ],
    &[],
);

static TEAM_MEMBER: ObjSpec = ObjSpec::closed(
    "team member",
    &[
        ID,
        MEMBER_USERNAME,
        MEMBER_NAME,
        MEMBER_DESCRIPTION,
        MEMBER_ROLE,
        MEMBER_DATE_IN,
        MEMBER_DATE_OUT,
        MEMBER_REPLACED_BY,
        TAGS,
        CUSTOM,
        AUTH_DEFS,
    ],
    &[],
)
.required_in(&[("username", V1_0_0, CURRENT)]);
static TEAM_MEMBER_TY: Ty = Ty::Obj(&TEAM_MEMBER);

static TEAM: ObjSpec = ObjSpec::closed(
    "team",
    &[
        f("name", Ty::Str, "Name of the owning team."),
        f("description", Ty::Str, "What the team does."),
        f("members", Ty::List(&TEAM_MEMBER_TY), "The team's members."),
        TAGS,
        CUSTOM,
        AUTH_DEFS,
    ],
    &[],
);

pub static ROOT: ObjSpec = ObjSpec::closed(
    "data product",
    &[
        f(
            "apiVersion",
            Ty::Enum(&ODPS_VERSIONS),
            "Version of the standard the manifest follows.",
        ),
        f("kind", Ty::Enum(&["DataProduct"]), "Always DataProduct."),
        f("id", Ty::Str, "Unique id of the data product."),
        f("name", Ty::Str, "Name of the data product."),
        DEPRECATED,
        SYNONYMS,
        f("version", Ty::Str, "Version of the data product."),
        f(
            "status",
            Ty::Str,
            "Status: proposed, draft, active, deprecated, retired.",
        ),
        f("domain", Ty::Str, "Business domain."),
        f(
            "type",
            Ty::Str,
            "Architectural type: sourceAligned, aggregate, consumerAligned (or your own).",
        )
        .since(V1_1_0),
        CONTEXT_FIELD,
        f("tenant", Ty::Str, "Tenant the product belongs to."),
        AUTH_DEFS,
        f(
            "description",
            Ty::Obj(&DESCRIPTION),
            "Purpose, usage and limitations.",
        ),
        CUSTOM,
        TAGS,
        f(
            "inputPorts",
            Ty::List(&INPUT_PORT_TY),
            "Data the product reads, each under a contract.",
        ),
        f(
            "outputPorts",
            Ty::List(&OUTPUT_PORT_TY),
            "Data the product serves, each under a contract.",
        ),
        f(
            "managementPorts",
            Ty::List(&MANAGEMENT_PORT_TY),
            "Ports for discovery, observability and control.",
        ),
        f("support", Ty::List(&SUPPORT_TY), "Support channels."),
        f(
            "team",
            Ty::List(&TEAM_MEMBER_TY),
            "The product's team: a list of its members.",
        )
        .until(V1_0_0),
        f("team", Ty::Obj(&TEAM), "The owning team and its members.").since(V1_0_0),
        f(
            "productCreatedTs",
            Ty::Formatted(Fmt::DateTime),
            "When the product was created (ISO 8601 date-time).",
        ),
    ],
    &["apiVersion", "kind", "id"],
)
.required_in(&[("status", 0, V1_1_0)]);
