import { createApp } from "vue";
import App from "./App.vue";
import { ensureSignedIn } from "./qlik";

ensureSignedIn().then((signedIn: boolean) => {
  if (signedIn) {
    createApp(App).mount("#app");
  }
});
