/**
 * The console's one way to the API: same origin, `fetch` with the signed-in person's bearer token,
 * JSON in and out, and every refusal (application/problem+json) turned into an `ApiError` whose
 * message a clerk can read in Chinese.
 */
import type {
  CalendarApplication,
  CalendarApplicationBody,
  CampaignDetail,
  CampaignView,
  DutyStatistics,
  HazardStatistics,
  LedgerImportBody,
  LedgerImportReport,
  MigrationBody,
  ReportScopeQuery,
  StatisticsQuery,
  Timeline,
  WithdrawalBody,
  WithdrawnEntry,
  CampaignList,
  CampaignRunRef,
  DefinitionList,
  DefinitionPreview,
  DefinitionText,
  DefinitionVersionList,
  DutySubmissionBody,
  ExposureList,
  ExtensionDecisionBody,
  ExtensionRequestBody,
  HazardDetail,
  HazardListPage,
  HazardListQuery,
  HazardRegistrationBody,
  Me,
  MilestoneConfirmationBody,
  MilestoneView,
  OccurrenceView,
  Problem,
  PublishedDefinitionDetail,
  PublishedDefinitionSummary,
  RectificationBody,
  ReinspectionBody,
  RunInspection,
  StartCampaignBody,
  VerificationBody,
  Vocabulary,
} from './types';

/** What each refusal means, in the words the console shows first. */
const STATUS_MEANINGS: Record<number, string> = {
  0: '无法连接服务器，请检查网络后重试',
  400: '填写的内容有误',
  401: '登录已失效，请重新登录',
  403: '无权查看或办理（超出本辖区或非本单位事项）',
  // The API answers 404 alike for what does not exist and for what lies outside the caller's reach.
  404: '未找到（不存在，或不在您的辖区、不是本单位的事项）',
  409: '当前状态下不能办理',
  422: '内容未通过校验',
  429: '请求过于频繁，请稍后再试',
  503: '服务暂不可用，请稍后再试',
};

export class ApiError extends Error {
  constructor(
    readonly status: number,
    /** The Chinese meaning of the status. */
    readonly summary: string,
    /** What the server said (its problem title, detail and field errors). */
    readonly detail: string,
    readonly problem?: Problem & { errors?: Array<{ path?: string; message: string; line?: number } | string> },
  ) {
    super(detail ? `${summary}：${detail}` : summary);
    this.name = 'ApiError';
  }
}

function errorOf(status: number, problem: ApiError['problem'] | undefined): ApiError {
  const summary = STATUS_MEANINGS[status] ?? (status >= 500 ? '服务器出错，请稍后再试或联系管理员' : `请求未成功（${status}）`);
  // Field errors are located issues; an unreadable ledger file names its rows as plain lines (第 N 行：…).
  const fieldErrors = (problem?.errors ?? []).map((e) => (typeof e === 'string' ? e : e.path ? `${e.path}：${e.message}` : e.message));
  const detail = [problem?.title, problem?.detail, ...fieldErrors].filter((part) => part && status < 500).join('；');
  return new ApiError(status, summary, detail, problem);
}

let bearerToken: string | null = null;
let onUnauthorized: () => void = () => {};

/** The token every call carries from now on (null: none). */
export function useToken(token: string | null): void {
  bearerToken = token;
}

/** What to do when the API says the token is missing, invalid or expired. */
export function whenUnauthorized(handler: () => void): void {
  onUnauthorized = handler;
}

type Method = 'GET' | 'POST';

async function call<T>(method: Method, path: string, body?: unknown, options: { token?: string | null } = {}): Promise<T> {
  const token = options.token === undefined ? bearerToken : options.token;
  const headers: Record<string, string> = { accept: 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  } catch {
    throw errorOf(0, undefined);
  }
  const text = await response.text();
  const parsed: unknown = text ? JSON.parse(text) : undefined;
  if (!response.ok) {
    if (response.status === 401 && token) onUnauthorized();
    throw errorOf(response.status, parsed as ApiError['problem']);
  }
  return parsed as T;
}

/** A file the API answers (an export): its bytes and the name the server gives it. */
export interface DownloadedFile {
  blob: Blob;
  fileName: string;
}

/** The file name of a `content-disposition`: the UTF-8 one (filename*) when given, else the plain one. */
export function fileNameOf(disposition: string | null, fallback: string): string {
  const utf8 = /filename\*=UTF-8''([^;]+)/i.exec(disposition ?? '');
  if (utf8) return decodeURIComponent(utf8[1]!);
  return /filename="([^"]+)"/i.exec(disposition ?? '')?.[1] ?? fallback;
}

/** A file with the bearer token (a bare link could not carry it), refusals as for every call. */
async function download(path: string, fallbackName: string): Promise<DownloadedFile> {
  const headers: Record<string, string> = bearerToken ? { authorization: `Bearer ${bearerToken}` } : {};
  let response: Response;
  try {
    response = await fetch(path, { headers });
  } catch {
    throw errorOf(0, undefined);
  }
  if (!response.ok) {
    const text = await response.text();
    if (response.status === 401) onUnauthorized();
    throw errorOf(response.status, text ? (JSON.parse(text) as ApiError['problem']) : undefined);
  }
  return { blob: await response.blob(), fileName: fileNameOf(response.headers.get('content-disposition'), fallbackName) };
}

const query = (params: Readonly<Record<string, unknown>>): string => {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if ((typeof value === 'string' && value !== '') || typeof value === 'number' || typeof value === 'boolean') search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
};

const segment = encodeURIComponent;

export const api = {
  /** Who a token speaks for; with an explicit token, before it is kept. */
  me: (token?: string) => call<Me>('GET', '/me', undefined, token === undefined ? {} : { token }),
  vocabulary: () => call<Vocabulary>('GET', '/vocabulary', undefined, { token: null }),
  exposure: () => call<ExposureList>('GET', '/exposure', undefined, { token: null }),
  withdrawExposure: (id: string, body: WithdrawalBody) => call<WithdrawnEntry>('POST', `/exposure/${segment(id)}/withdrawal`, body),

  campaigns: {
    list: () => call<CampaignList>('GET', '/campaigns'),
    get: (runId: string) => call<CampaignDetail>('GET', `/campaigns/${segment(runId)}`),
    start: (body: StartCampaignBody) => call<CampaignRunRef>('POST', '/campaigns', body),
    submitDuty: (runId: string, occurrenceId: string, body: DutySubmissionBody) =>
      call<OccurrenceView>('POST', `/campaigns/${segment(runId)}/duties/${segment(occurrenceId)}/submissions`, body),
    confirmMilestone: (runId: string, milestoneId: string, body: MilestoneConfirmationBody) =>
      call<MilestoneView>('POST', `/campaigns/${segment(runId)}/milestones/${segment(milestoneId)}/confirmation`, body),
    migrate: (runId: string, body: MigrationBody) => call<CampaignView>('POST', `/campaigns/${segment(runId)}/migrations`, body),
    importLedger: (runId: string, body: LedgerImportBody) => call<LedgerImportReport>('POST', `/campaigns/${segment(runId)}/imports`, body),
    applyCalendar: (runId: string, body: CalendarApplicationBody) => call<CalendarApplication>('POST', `/campaigns/${segment(runId)}/calendar`, body),
  },

  statistics: {
    hazards: (filter: StatisticsQuery) => call<HazardStatistics>('GET', `/statistics/hazards${query(filter)}`),
    duties: (filter: StatisticsQuery) => call<DutyStatistics>('GET', `/statistics/duties${query(filter)}`),
  },

  /** An export as a file: `name` is the route's (hazard-ledger, measures, hazard-statistics, duty-statistics). */
  exportFile: (name: string, format: 'xlsx' | 'csv', filter: StatisticsQuery | ReportScopeQuery) =>
    download(`/exports/${name}.${format}${query(filter)}`, `${name}.${format}`),

  hazards: {
    list: (filter: HazardListQuery) => call<HazardListPage>('GET', `/hazards${query(filter)}`),
    get: (ref: string) => call<HazardDetail>('GET', `/hazards/${segment(ref)}`),
    register: (runId: string, body: HazardRegistrationBody) => call<HazardDetail>('POST', `/campaigns/${segment(runId)}/hazards`, body),
    rectify: (ref: string, body: RectificationBody) => call<HazardDetail>('POST', `/hazards/${segment(ref)}/rectification`, body),
    verify: (ref: string, body: VerificationBody) => call<HazardDetail>('POST', `/hazards/${segment(ref)}/verification`, body),
    requestExtension: (ref: string, body: ExtensionRequestBody) => call<HazardDetail>('POST', `/hazards/${segment(ref)}/extension-requests`, body),
    decideExtension: (ref: string, body: ExtensionDecisionBody) => call<HazardDetail>('POST', `/hazards/${segment(ref)}/extension-decision`, body),
    reinspect: (ref: string, body: ReinspectionBody) => call<HazardDetail>('POST', `/hazards/${segment(ref)}/reinspection`, body),
  },

  runs: {
    inspect: (workflowId: string) => call<RunInspection>('GET', `/runs/${segment(workflowId)}`),
  },

  definitions: {
    list: () => call<DefinitionList>('GET', '/definitions'),
    versions: (id: string) => call<DefinitionVersionList>('GET', `/definitions/${segment(id)}/versions`),
    version: (id: string, version: number) => call<PublishedDefinitionDetail>('GET', `/definitions/${segment(id)}/versions/${version}`),
    timeline: (id: string, version: number) => call<Timeline>('GET', `/definitions/${segment(id)}/versions/${version}/timeline`),
    preview: (body: DefinitionText) => call<DefinitionPreview>('POST', '/definitions/preview', body),
    publish: (body: DefinitionText) => call<PublishedDefinitionSummary>('POST', '/definitions', body),
  },
};
