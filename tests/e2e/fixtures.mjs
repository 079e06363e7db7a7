// Documents the end-to-end tests and the screenshot script share.

/** A small data mesh: three products, the contracts of their ports, and one contract
 *  nobody reads. `marketing.campaigns` is owned by one person; `finance.roi` has no
 *  support channel. */
export const ORDERS = `apiVersion: v3.1.0
kind: DataContract
id: orders-events-v1
name: orders.events.v1
version: 1.2.0
status: active
slaProperties:
  - property: freshness
    value: 5
    unit: m
schema:
  - name: orders
    properties:
      - name: order_id
        logicalType: string
        required: true
`;
export const MESH_FILES = [
  ["orders.odcs.yaml", ORDERS],
  ["campaigns.odcs.yaml", "apiVersion: v3.1.0\nkind: DataContract\nid: campaigns-v1\nversion: 1.0.0\nstatus: active\n"],
  ["stock.odcs.yaml", "apiVersion: v3.1.0\nkind: DataContract\nid: stock-v1\nversion: 1.0.0\nstatus: active\n"],
  ["shop.odps.yaml", "apiVersion: v1.0.0\nkind: DataProduct\nid: shop\nname: shop\nstatus: active\noutputPorts:\n  - name: orders\n    version: 1.0.0\n    contractId: orders-events-v1\nsupport:\n  - channel: '#shop'\nteam:\n  name: shop-team\n  members:\n    - username: a\n    - username: b\n"],
  ["marketing.odps.yaml", "apiVersion: v1.0.0\nkind: DataProduct\nid: marketing\nname: marketing.campaigns\nstatus: active\ninputPorts:\n  - name: orders-in\n    version: 1.0.0\n    contractId: orders-events-v1\noutputPorts:\n  - name: campaigns\n    version: 1.0.0\n    contractId: campaigns-v1\nsupport:\n  - channel: '#growth-data'\nteam:\n  name: growth\n  members:\n    - username: max\n"],
  ["finance.odps.yaml", "apiVersion: v1.0.0\nkind: DataProduct\nid: finance\nname: finance.roi\nstatus: active\ninputPorts:\n  - name: campaigns-in\n    version: 1.0.0\n    contractId: campaigns-v1\nteam:\n  name: finance\n  members:\n    - username: c\n    - username: d\n"],
];

