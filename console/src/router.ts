/**
 * The console's pages, under /console/ in the browser's history (the server answers every such
 * path with index.html). A page names the permission it needs; a person without it is sent to
 * their own home page, and the menu does not offer it. Pages are loaded when first opened, so the
 * first load carries only the shell.
 */
import { createRouter, createWebHistory, type RouteRecordRaw } from 'vue-router';
import type { Permission } from './api/types';
import { homeOf, loadVocabulary, restoreSession, session } from './session';

declare module 'vue-router' {
  interface RouteMeta {
    /** Open without signing in (sign-in itself, the public exposure page). */
    public?: boolean;
    permission?: Permission;
    /** Only for a person who speaks for a unit. */
    unitOnly?: boolean;
    title?: string;
  }
}

const routes: RouteRecordRaw[] = [
  { path: '/signin', component: () => import('./views/SignIn.vue'), meta: { public: true, title: '登录' } },
  { path: '/exposure', component: () => import('./views/ExposurePage.vue'), meta: { public: true, title: '曝光台' } },
  {
    path: '/',
    component: () => import('./views/AppShell.vue'),
    children: [
      { path: '', component: { render: () => null }, beforeEnter: () => (session.me ? homeOf(session.me) : '/signin') },
      { path: 'campaigns', component: () => import('./views/CampaignList.vue'), meta: { permission: 'readCampaigns', title: '专项行动' } },
      { path: 'campaigns/:runId', component: () => import('./views/CampaignPage.vue'), props: true, meta: { permission: 'readCampaigns', title: '专项行动' } },
      { path: 'hazards', component: () => import('./views/HazardList.vue'), meta: { permission: 'readHazards', title: '隐患台账' } },
      { path: 'hazards/:hazardRef', component: () => import('./views/HazardPage.vue'), props: true, meta: { permission: 'readHazards', title: '隐患' } },
      { path: 'duties', component: () => import('./views/MyDuties.vue'), meta: { permission: 'submitDuties', unitOnly: true, title: '我的报送' } },
      { path: 'statistics', component: () => import('./views/StatisticsPage.vue'), meta: { permission: 'readReports', title: '统计与导出' } },
      { path: 'definitions', component: () => import('./views/DefinitionList.vue'), meta: { permission: 'readDefinitions', title: '行动方案' } },
      { path: 'definitions/new', component: () => import('./views/DefinitionEditor.vue'), meta: { permission: 'publishDefinitions', title: '编写方案' } },
      {
        path: 'definitions/:id/versions/:version',
        component: () => import('./views/DefinitionEditor.vue'),
        props: (route) => ({ id: route.params.id, version: Number(route.params.version) }),
        meta: { permission: 'readDefinitions', title: '行动方案' },
      },
      {
        path: 'definitions/:id/diff',
        component: () => import('./views/DefinitionDiff.vue'),
        props: (route) => ({ id: route.params.id, from: Number(route.query.from), to: Number(route.query.to) }),
        meta: { permission: 'readDefinitions', title: '版本对比' },
      },
    ],
  },
  { path: '/:rest(.*)*', redirect: '/' },
];

export const router = createRouter({ history: createWebHistory(import.meta.env.BASE_URL), routes });

router.beforeEach(async (to) => {
  await restoreSession();
  void loadVocabulary().catch(() => undefined);
  if (to.meta.public) return true;
  const me = session.me;
  if (!me) return { path: '/signin', query: to.fullPath === '/' ? {} : { redirect: to.fullPath } };
  const allowed = (!to.meta.permission || me.may[to.meta.permission]) && (!to.meta.unitOnly || me.unitId !== undefined);
  return allowed ? true : homeOf(me);
});

router.afterEach((to) => {
  document.title = to.meta.title ? `${to.meta.title} · 专项整治行动控制台` : '专项整治行动控制台';
});
