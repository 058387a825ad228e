package org.ticketvendor;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Ticket Vendor: an open-source ticketing backend. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class TicketVendorApplication {

    public static void main(String[] args) {
        SpringApplication.run(TicketVendorApplication.class, args);
    }
}
