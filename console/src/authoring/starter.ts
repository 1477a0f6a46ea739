/** The text a new definition starts from: the smallest complete campaign of the author's jurisdiction, to be filled in. */
export const starterDefinition = (jurisdiction: string): string => `# 专项整治行动方案（YAML）。字段说明见 definitions/README.md，编辑时右侧即时显示校验结果、计划和图示。
id: my-campaign-2027
version: 1
kind: custom
title: { zh: 某某专项整治行动 }
authority: { name: 某某区安全生产委员会, level: district }
jurisdiction: ${jurisdiction}
span:
  start: { kind: date, date: 2027-01-01 }
  end: { kind: date, date: 2027-12-31 }
phases:
  - id: mobilisation
    name: { zh: 动员部署阶段 }
    start: { kind: date, date: 2027-01-01 }
    end: { kind: month, month: 2027-01 }
  - id: rectification
    name: { zh: 排查整治阶段 }
    start: { kind: month, month: 2027-02, edge: start }
    end: { kind: month, month: 2027-12 }
organisation:
  leadingGroup: { name: 专项整治行动领导小组, office: 区应急管理局 }
  units:
    - { id: towns, name: 各镇街 }
duties:
  - id: quarterly-report
    title: { zh: 季度工作进展报送 }
    kind: report
    cadence: { kind: quarterly, opens: { period: next, day: 1 }, due: { period: next, month: 1, day: 10 } }
    owedBy: [towns]
    ladder: overdue-report
hazardPolicy:
  levels:
    major:
      name: { zh: 重大事故隐患 }
      deadline: { kind: within, days: 30 }
      listedSupervision: true
      ladder: overdue-report
    ordinary:
      name: { zh: 一般事故隐患 }
      deadline: { kind: within, days: 15 }
      ladder: overdue-report
escalationLadders:
  overdue-report:
    name: { zh: 逾期督办 }
    steps:
      - action: reminder
        offset: { days: 0 }
        audience: responsible-unit
        template: "提醒：{{unit}}的“{{item}}”今天到期（{{dueOn}}）。"
      - action: notice
        offset: { days: 3, unit: working }
        audience: all-units
        template: "通报：{{unit}}的“{{item}}”已逾期{{overdueDays}}天。"
`;
