/**
 * A minimal `trienkhai.plan/1` object (../shared/contracts/plan-import.md) with one task led by
 * one organisation: what the access tests send to `POST /api/v1/plans`.
 */
export function oneTaskPlan(organization: string, title: string, text = 'Tuyên truyền Chỉ thị') {
  return {
    format: 'trienkhai.plan/1',
    source: { fileName: null, encoding: null, warnings: [] },
    document: {
      system: 'party',
      typeName: 'Kế hoạch',
      typeCode: 'KH',
      number: null,
      symbol: null,
      issuerCode: null,
      issuer: null,
      place: null,
      date: '2019-05-01',
      title,
    },
    references: [],
    sections: [],
    objectives: [],
    tasks: [
      {
        ref: '1',
        title: null,
        text,
        assignments: [{ organization, role: 'lead' }],
        deadline: null,
        recurrence: null,
      },
    ],
    addressees: [],
    recipients: [],
    signer: { authority: null, onBehalfOf: null, title: null, name: null },
  };
}
