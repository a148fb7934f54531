using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Studio.Data.PostgreSql.Migrations
{
    /// <inheritdoc />
    public partial class VoteTies : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "Tie",
                table: "PreferenceVotes",
                type: "boolean",
                nullable: false,
                defaultValue: false);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Tie",
                table: "PreferenceVotes");
        }
    }
}
