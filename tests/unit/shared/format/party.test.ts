import { describe, expect, it } from 'vitest';
import { agentLine, ageText, idDocumentText, joinNames, organizationLine, partyLine, personLine } from '../../../../electron/shared/format/party';
import type { Agent, OrganizationParty, PersonParty } from '../../../../electron/shared/domain';

const person: PersonParty = {
  id: '6f1c2a90-3b7e-4c51-9d2a-1e0f5a7b3c01',
  role: 'applicant',
  kind: 'person',
  name: '张建国',
  gender: 'male',
  ethnicity: '汉族',
  birthDate: '1968-03-15',
  idType: 'resident_id',
  idNumber: '330782196803151315',
  phone: '13957912345',
  address: '浙江省义乌市稠城街道朝阳新村12幢3单元501室',
  requests: '',
  occupation: '个体经营',
  workUnit: '',
};

const company: OrganizationParty = {
  id: '6f1c2a90-3b7e-4c51-9d2a-1e0f5a7b3c03',
  role: 'respondent',
  kind: 'organization',
  name: '义乌市顺达货运有限公司',
  usccCode: '91330782MA2D8K7Q3X',
  legalRepresentative: '陈国平',
  representativeTitle: '执行董事兼总经理',
  phone: '0579-85567890',
  address: '浙江省义乌市北苑街道春华路388号',
  requests: '',
};

describe('ageText', () => {
  it('counts full years on the given date', () => {
    expect(ageText('1968-03-15', '2026-03-14')).toBe('57岁');
    expect(ageText('1968-03-15', '2026-03-15')).toBe('58岁');
    expect(ageText('2024-02-29', '2025-02-28')).toBe('0岁');
  });
  it('is empty when unknown or impossible', () => {
    expect(ageText('', '2026-05-01')).toBe('');
    expect(ageText('2027-01-01', '2026-05-01')).toBe('');
  });
});

describe('party lines', () => {
  it('describes a natural person in the customary order, with the full ID number', () => {
    expect(personLine(person)).toBe(
      '张建国，男，汉族，1968年3月15日出生，个体经营，住浙江省义乌市稠城街道朝阳新村12幢3单元501室，居民身份证号码330782196803151315，联系电话13957912345',
    );
  });

  it('leaves out what is unknown', () => {
    expect(personLine({ ...person, gender: 'unknown', birthDate: '', occupation: '', phone: '', idNumber: '' })).toBe('张建国，汉族，住浙江省义乌市稠城街道朝阳新村12幢3单元501室');
  });

  it('describes an organisation with its code and legal representative', () => {
    expect(organizationLine(company)).toBe(
      '义乌市顺达货运有限公司，住所地浙江省义乌市北苑街道春华路388号，统一社会信用代码91330782MA2D8K7Q3X，法定代表人（负责人）陈国平（执行董事兼总经理），联系电话0579-85567890',
    );
    expect(partyLine(company)).toBe(organizationLine(company));
    expect(partyLine(person)).toBe(personLine(person));
  });

  it('describes an agent with the principal and authority', () => {
    const agent: Agent = {
      id: '6f1c2a90-3b7e-4c51-9d2a-1e0f5a7b3c04',
      principalId: person.id,
      name: '吴晓东',
      idType: 'passport',
      idNumber: 'E12345678',
      phone: '13805791234',
      workUnitOrRelation: '浙江稠州律师事务所',
      authority: 'special',
    };
    expect(agentLine(agent, '张建国')).toBe('吴晓东，浙江稠州律师事务所，护照号码E12345678，联系电话13805791234，系张建国的委托代理人（特别授权）');
  });

  it('formats ID documents and name lists', () => {
    expect(idDocumentText('resident_id', '11010519491231002X')).toBe('居民身份证号码11010519491231002X');
    expect(idDocumentText('resident_id', '')).toBe('');
    expect(joinNames(['张建国', '', '李秀兰'])).toBe('张建国、李秀兰');
  });
});
