import { createApp } from 'vue';
import 'element-plus/dist/index.css';
import './styles.css';
import App from './App.vue';
import { whenUnauthorized } from './api/client';
import { router } from './router';
import { signOut } from './session';

// A token that expires while the console is open: back to sign-in, then to the same page.
whenUnauthorized(() => {
  signOut();
  void router.push({ path: '/signin', query: { redirect: router.currentRoute.value.fullPath, expired: '1' } });
});

createApp(App).use(router).mount('#app');
