package org.ticketvendor.security;

import java.util.Set;
import java.util.TreeSet;
import org.springframework.context.ApplicationContext;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * The endpoints the running application really serves, read from Spring MVC's request mappings (not
 * from a list someone keeps), as {@code "METHOD /path/{var}"} strings. A mapping without methods
 * counts as {@code "ANY /path"}.
 */
final class ApiInventory {

    private ApiInventory() {}

    /** Every mapped endpoint of the application's controllers (the API, the error page, springdoc). */
    static Set<String> mappedEndpoints(ApplicationContext context) {
        RequestMappingHandlerMapping mapping =
                context.getBean("requestMappingHandlerMapping", RequestMappingHandlerMapping.class);
        Set<String> endpoints = new TreeSet<>();
        for (RequestMappingInfo info : mapping.getHandlerMethods().keySet()) {
            Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
            for (String pattern : info.getPatternValues()) {
                if (methods.isEmpty()) {
                    endpoints.add("ANY " + pattern);
                }
                for (RequestMethod method : methods) {
                    endpoints.add(method.name() + " " + pattern);
                }
            }
        }
        return endpoints;
    }

    /** The business API: what is mapped under {@code /api/}. */
    static Set<String> apiEndpoints(ApplicationContext context) {
        Set<String> api = new TreeSet<>();
        for (String endpoint : mappedEndpoints(context)) {
            if (endpoint.substring(endpoint.indexOf(' ') + 1).startsWith("/api/")) {
                api.add(endpoint);
            }
        }
        return api;
    }
}
