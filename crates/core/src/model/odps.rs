//! Open Data Product Standard v0.9.0 and v1.0.0, as Charter models them.
//!
//! Written by us from the standard's facts; conformance with the official JSON Schemas is
//! proven by `crates/core/tests/conformance.rs`. The two versions share most objects:
//! v1.0.0 makes `team` an object (a list of members in v0.9.0), lets input and output ports
//! carry tags, custom properties and authoritative definitions, requires a team member's
//! `username`, and no longer restricts an authoritative definition's `type`.

use super::{
    f, Field, Fmt, ObjSpec, Ty, MEMBER_DATE_IN, MEMBER_DATE_OUT, MEMBER_DESCRIPTION, MEMBER_NAME,
    MEMBER_REPLACED_BY, MEMBER_ROLE, MEMBER_USERNAME,
};

const URI: Ty = Ty::Formatted(Fmt::Uri);

const TAGS: Field = f("tags", Ty::List(&Ty::Str), "Tags.");
const CUSTOM: Field = f(
    "customProperties",
    Ty::List(&CUSTOM_PROPERTY_TY),
    "Custom properties not covered by the standard.",
);

static CUSTOM_PROPERTY: ObjSpec = ObjSpec::closed(
    "custom property",
    &[
        f("property", Ty::Str, "Name of the custom property."),
        f("value", Ty::Any, "Value of the custom property."),
        f("description", Ty::Str, "What the custom property means."),
    ],
    &["property", "value"],
);
static CUSTOM_PROPERTY_TY: Ty = Ty::Obj(&CUSTOM_PROPERTY);

macro_rules! auth_def {
    ($name:ident, $ty_name:ident, $type_ty:expr) => {
        static $name: ObjSpec = ObjSpec::closed(
            "authoritative definition",
            &[
                f(
                    "type",
                    $type_ty,
                    "Kind of definition, e.g. businessDefinition or tutorial.",
                ),
                f("url", URI, "Where the definition lives."),
                f("description", Ty::Str, "What the link points to."),
            ],
            &["type", "url"],
        );
        static $ty_name: Ty = Ty::Obj(&$name);
    };
}
auth_def!(AUTH_DEF_V1, AUTH_DEF_V1_TY, Ty::Str);
auth_def!(
    AUTH_DEF_V09,
    AUTH_DEF_V09_TY,
    Ty::Enum(&[
        "businessDefinition",
        "transformationImplementation",
        "videoTutorial",
        "tutorial",
        "implementation",
    ])
);

const AUTH_DEFS_V1: Field = f(
    "authoritativeDefinitions",
    Ty::List(&AUTH_DEF_V1_TY),
    "Links to authoritative definitions.",
);
const AUTH_DEFS_V09: Field = f(
    "authoritativeDefinitions",
    Ty::List(&AUTH_DEF_V09_TY),
    "Links to authoritative definitions.",
);

static SBOM: ObjSpec = ObjSpec::closed(
    "SBOM",
    &[
        f("type", Ty::Str, "Kind of bill of materials, e.g. external."),
        f("url", URI, "Where the software bill of materials is."),
    ],
    &["url"],
);
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
const PORT_VERSION: Field = f("version", Ty::Str, "Version of the port.");
const CONTRACT_ID: Field = f(
    "contractId",
    Ty::Str,
    "Id of the data contract this port serves or reads.",
);

macro_rules! ports {
    ($input:ident, $input_ty:ident, $output:ident, $output_ty:ident, [$($extra:expr),*]) => {
        static $input: ObjSpec = ObjSpec::closed(
            "input port",
            &[PORT_NAME, PORT_VERSION, CONTRACT_ID $(, $extra)*],
            &["name", "version", "contractId"],
        );
        static $input_ty: Ty = Ty::Obj(&$input);
        static $output: ObjSpec = ObjSpec::closed(
            "output port",
            &[
                PORT_NAME,
                f("description", Ty::Str, "What the port offers."),
                f("type", Ty::Str, "Kind of port, e.g. tables."),
                PORT_VERSION,
                CONTRACT_ID,
                f("sbom", Ty::List(&SBOM_TY), "Software bills of materials."),
                f("inputContracts", Ty::List(&INPUT_CONTRACT_TY), "Contracts this output is derived from."),
                $($extra),*
            ],
            &["name", "version"],
        );
        static $output_ty: Ty = Ty::Obj(&$output);
    };
}
ports!(INPUT_V09, INPUT_V09_TY, OUTPUT_V09, OUTPUT_V09_TY, []);
ports!(
    INPUT_V1,
    INPUT_V1_TY,
    OUTPUT_V1,
    OUTPUT_V1_TY,
    [TAGS, CUSTOM, AUTH_DEFS_V1]
);

macro_rules! version_parts {
    ($auth:expr, $mgmt:ident, $mgmt_ty:ident, $support:ident, $support_ty:ident, $desc:ident, $member:ident, $member_ty:ident, $member_req:expr) => {
        static $mgmt: ObjSpec = ObjSpec::closed(
            "management port",
            &[
                PORT_NAME,
                f(
                    "content",
                    Ty::Str,
                    "What the port is for: discoverability, observability...",
                ),
                f("type", Ty::Str, "Kind of port: rest, topic..."),
                f("url", URI, "Where the port is."),
                f("channel", Ty::Str, "Channel of the port."),
                f("description", Ty::Str, "What the port offers."),
                TAGS,
                CUSTOM,
                $auth,
            ],
            &["name", "content"],
        );
        static $mgmt_ty: Ty = Ty::Obj(&$mgmt);
        static $support: ObjSpec = ObjSpec::closed(
            "support channel",
            &[
                f("channel", Ty::Str, "Name of the channel."),
                f("url", URI, "Link to the channel."),
                f("description", Ty::Str, "What the channel is for."),
                f("tool", Ty::Str, "Tool: email, slack, teams, ticket..."),
                f(
                    "scope",
                    Ty::Str,
                    "Scope: interactive, announcements, issues.",
                ),
                f("invitationUrl", URI, "Link to join the channel."),
                TAGS,
                CUSTOM,
                $auth,
            ],
            &["channel", "url"],
        );
        static $support_ty: Ty = Ty::Obj(&$support);
        static $desc: ObjSpec = ObjSpec::closed(
            "description",
            &[
                f("purpose", Ty::Str, "Why the product exists."),
                f("limitations", Ty::Str, "What it can't be used for."),
                f("usage", Ty::Str, "How it should be used."),
                $auth,
                CUSTOM,
            ],
            &[],
        );
        static $member: ObjSpec = ObjSpec::closed(
            "team member",
            &[
                MEMBER_USERNAME,
                MEMBER_NAME,
                MEMBER_DESCRIPTION,
                MEMBER_ROLE,
                MEMBER_DATE_IN,
                MEMBER_DATE_OUT,
                MEMBER_REPLACED_BY,
                TAGS,
                CUSTOM,
                $auth,
            ],
            $member_req,
        );
        static $member_ty: Ty = Ty::Obj(&$member);
    };
}
version_parts!(
    AUTH_DEFS_V09,
    MGMT_V09,
    MGMT_V09_TY,
    SUPPORT_V09,
    SUPPORT_V09_TY,
    DESC_V09,
    MEMBER_V09,
    MEMBER_V09_TY,
    &[]
);
version_parts!(
    AUTH_DEFS_V1,
    MGMT_V1,
    MGMT_V1_TY,
    SUPPORT_V1,
    SUPPORT_V1_TY,
    DESC_V1,
    MEMBER_V1,
    MEMBER_V1_TY,
    &["username"]
);

static TEAM_V1: ObjSpec = ObjSpec::closed(
    "team",
    &[
        f("name", Ty::Str, "Name of the owning team."),
        f("description", Ty::Str, "What the team does."),
        f("members", Ty::List(&MEMBER_V1_TY), "The team's members."),
        TAGS,
        CUSTOM,
        AUTH_DEFS_V1,
    ],
    &[],
);

macro_rules! root {
    ($name:ident, $versions:expr, $auth:expr, $desc:ident, $input_ty:ident, $output_ty:ident, $mgmt_ty:ident, $support_ty:ident, $team:expr) => {
        pub static $name: ObjSpec = ObjSpec::closed(
            "data product",
            &[
                f(
                    "apiVersion",
                    Ty::Enum($versions),
                    "Version of the standard the manifest follows.",
                ),
                f("kind", Ty::Enum(&["DataProduct"]), "Always DataProduct."),
                f("id", Ty::Str, "Unique id of the data product."),
                f("name", Ty::Str, "Name of the data product."),
                f("version", Ty::Str, "Version of the data product."),
                f(
                    "status",
                    Ty::Str,
                    "Status: proposed, draft, active, deprecated, retired.",
                ),
                f("domain", Ty::Str, "Business domain."),
                f("tenant", Ty::Str, "Tenant the product belongs to."),
                $auth,
                f(
                    "description",
                    Ty::Obj(&$desc),
                    "Purpose, usage and limitations.",
                ),
                CUSTOM,
                TAGS,
                f(
                    "inputPorts",
                    Ty::List(&$input_ty),
                    "Data the product reads, each under a contract.",
                ),
                f(
                    "outputPorts",
                    Ty::List(&$output_ty),
                    "Data the product serves, each under a contract.",
                ),
                f(
                    "managementPorts",
                    Ty::List(&$mgmt_ty),
                    "Ports for discovery, observability and control.",
                ),
                f("support", Ty::List(&$support_ty), "Support channels."),
                $team,
                f(
                    "productCreatedTs",
                    Ty::Formatted(Fmt::DateTime),
                    "When the product was created (ISO 8601 date-time).",
                ),
            ],
            &["apiVersion", "kind", "id", "status"],
        );
    };
}
root!(
    ROOT_V0_9,
    &["v0.9.0"],
    AUTH_DEFS_V09,
    DESC_V09,
    INPUT_V09_TY,
    OUTPUT_V09_TY,
    MGMT_V09_TY,
    SUPPORT_V09_TY,
    f(
        "team",
        Ty::List(&MEMBER_V09_TY),
        "The product's team members."
    )
);
root!(
    ROOT_V1_0,
    &["v0.9.0", "v1.0.0"],
    AUTH_DEFS_V1,
    DESC_V1,
    INPUT_V1_TY,
    OUTPUT_V1_TY,
    MGMT_V1_TY,
    SUPPORT_V1_TY,
    f(
        "team",
        Ty::Obj(&TEAM_V1),
        "The owning team and its members."
    )
);
