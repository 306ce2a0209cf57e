import { describeSdkExample } from "./exampleLifecycle";

describeSdkExample("python");
