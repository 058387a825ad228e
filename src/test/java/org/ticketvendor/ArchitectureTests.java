package org.ticketvendor;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noFields;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Repository;
import org.springframework.web.bind.annotation.RestController;

/** The conventions of DESIGN.md that the compiler cannot check. */
@AnalyzeClasses(packages = "org.ticketvendor", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTests {

    @ArchTest
    static final ArchRule noManagers =
            noClasses().should().haveSimpleNameEndingWith("Manager").because("name classes for what they do");

    @ArchTest
    static final ArchRule controllersLiveInWebPackages =
            classes().that().areAnnotatedWith(RestController.class).should().resideInAPackage("..web..");

    @ArchTest
    static final ArchRule repositoriesLiveInPersistencePackages = classes()
            .that()
            .areAnnotatedWith(Repository.class)
            .should()
            .resideInAPackage("..persistence..")
            .andShould()
            .haveSimpleNameEndingWith("Repository");

    @ArchTest
    static final ArchRule domainIsFreeOfSpring = noClasses()
            .that()
            .resideInAPackage("..domain..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("org.springframework..", "jakarta.servlet..")
            .because("domain rules are plain Java");

    @ArchTest
    static final ArchRule noFieldInjection = noFields()
            .should()
            .beAnnotatedWith(Autowired.class)
            .because("constructor injection keeps dependencies visible");

    @ArchTest
    static final ArchRule timeComesFromTheClock = noClasses()
            .should()
            .callMethod(Instant.class, "now")
            .orShould()
            .callMethod(LocalDateTime.class, "now")
            .orShould()
            .callMethod(OffsetDateTime.class, "now")
            .because("time is read from the injected Clock, so tests can move it");

    @ArchTest
    static final ArchRule noOrmOrLombok = noClasses()
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("jakarta.persistence..", "org.hibernate..", "lombok..")
            .because("explicit SQL with JdbcClient, no ORM");

    @ArchTest
    static final ArchRule exceptionsAreNamedSo =
            classes().that().areAssignableTo(Exception.class).should().haveSimpleNameEndingWith("Exception");
}
