import { describeSdkExample } from "./exampleLifecycle";

describeSdkExample("go");
